import Foundation
import Testing
import TestSupport

/// The cluster templates are checked against their schemas, not only run.
@Suite("cluster templates")
struct TemplateTests {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `kubernetes-validate` (PyPI, in the project venv that `make deps` makes) with Kubernetes' own JSON schemas.
    func validate(_ path: String) throws -> (status: Int32, stdout: String) {
        let r = try #require(TestSupport.run("kubernetes-validate", ["--strict", path]), "/usr/bin/env could not be started")
        return (r.status, r.stdout + r.stderr)
    }

    @Test func theKubernetesIndexedJobTemplateMatchesItsSchema() throws {
        let template = repository.appendingPathComponent("pipelines/k8s/generate-indexed-job.yaml").path
        let r = try validate(template)
        #expect(r.status == 0, "kubernetes-validate (run `make deps` for the venv): \(r.stdout)")
        #expect(r.stdout.contains("passed for resource job/"), "\(r.stdout)")
        // The check can fail: a misspelt field is refused.
        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("loom-k8s-\(getpid()).yaml")
        defer { try? FileManager.default.removeItem(at: broken) }
        let text = try String(contentsOfFile: template, encoding: .utf8).replacingOccurrences(of: "completionMode:", with: "completionsMode:")
        try text.write(to: broken, atomically: true, encoding: .utf8)
        let bad = try validate(broken.path)
        #expect(bad.status != 0 && bad.stdout.contains("completionsMode"), "\(bad.stdout)")
    }
}
