import Foundation
import LoomCore
import Testing
@testable import SelfConsuming

@Suite struct WassersteinTests {
    func gaussian(_ mean: [Double], _ covariance: [Double]) throws -> GaussianModel {
        try GaussianModel(mean: mean, covariance: covariance)
    }

    @Test func identicalGaussiansAreAtDistanceZero() throws {
        let a = try gaussian([0.3, -1], [2, 0.5, 0.5, 1])
        #expect(wasserstein2(a, a) < 1e-7)
    }

    @Test func oneDimensionIsMeanAndStandardDeviationGap() throws {
        // W₂(N(m1, s1²), N(m2, s2²))² = (m1 − m2)² + (s1 − s2)².
        let value = wasserstein2(try gaussian([1], [4]), try gaussian([-2], [0.25]))
        #expect(abs(value - (9.0 + 1.5 * 1.5).squareRoot()) < 1e-12)
    }

    @Test func diagonalCovariancesSeparateByAxis() throws {
        let value = wasserstein2(try gaussian([0, 0], [4, 0, 0, 9]), try gaussian([3, 4], [1, 0, 0, 1]))
        #expect(abs(value - (25.0 + 1 + 4).squareRoot()) < 1e-12)
    }

    @Test func scaledIdentityIsRootDTimesScaleGap() throws {
        // W₂(N(0, I₂), N(0, c²I₂)) = √2·|1 − c|.
        let value = wasserstein2(.standard(dimension: 2), try gaussian([0, 0], [0.36, 0, 0, 0.36]))
        #expect(abs(value - 2.0.squareRoot() * 0.4) < 1e-12)
    }

    @Test func rotatingBothGaussiansTogetherChangesNothing() throws {
        let angle = 0.7, c = cos(angle), s = sin(angle)
        func rotated(_ a: Double, _ b: Double) -> [Double] {  // R diag(a, b) Rᵀ
            [c * c * a + s * s * b, c * s * (a - b), c * s * (a - b), s * s * a + c * c * b]
        }
        let value = wasserstein2(try gaussian([0, 0], rotated(4, 1)), try gaussian([0, 0], rotated(1, 9)))
        #expect(abs(value - (1.0 + 4).squareRoot()) < 1e-12)
    }

    @Test func nonCommutingCaseMatchesAHandComputedValue() throws {
        // Σ₁ = diag(1, 4), Σ₂ = [[2, 1], [1, 2]]: tr Σ₁Σ₂ = 10, det Σ₁ det Σ₂ = 12,
        // tr √(Σ₂^½ Σ₁ Σ₂^½) = √(10 + 2√12), W₂² = 5 + 4 − 2√(10 + 2√12).
        let value = wasserstein2(try gaussian([0, 0], [1, 0, 0, 4]), try gaussian([0, 0], [2, 1, 1, 2]))
        let expected = (9 - 2 * (10 + 2 * 12.0.squareRoot()).squareRoot()).squareRoot()
        #expect(abs(value - expected) < 1e-12)
    }

    @Test func closedFormAgreesWithEigenDecomposition() throws {
        var random = RandomStream(key: 11)
        for _ in 0..<200 {
            func spd() -> [Double] {
                let a = random.normal(), b = random.normal(), c = random.normal(), d = random.normal()
                return [a * a + b * b + 0.01, a * c + b * d, a * c + b * d, c * c + d * d + 0.01]
            }
            let s1 = spd(), s2 = spd()
            let closed = traceOfCrossRoot(s1, s2, size: 2)
            let general = generalTraceOfCrossRoot(s1, s2, size: 2)
            #expect(abs(closed - general) < 1e-9 * max(1, closed))
        }
    }

    @Test func threeDimensionsWithABlockMatchTheParts() throws {
        // A block-diagonal 3-D pair splits into the 2-D pair and the 1-D pair.
        let a = try gaussian([0, 0, 1], [1, 0, 0, 0, 4, 0, 0, 0, 9])
        let b = try gaussian([0, 0, 0], [2, 1, 0, 1, 2, 0, 0, 0, 1])
        let twoD = wasserstein2(try gaussian([0, 0], [1, 0, 0, 4]), try gaussian([0, 0], [2, 1, 1, 2]))
        let expected = (twoD * twoD + 1 + 4).squareRoot()
        #expect(abs(wasserstein2(a, b) - expected) < 1e-9)
        #expect(abs(wasserstein2(b, a) - expected) < 1e-9)
    }

    @Test func fitterMeasuresTheReferenceW2() throws {
        let fitter = GaussianFitter(estimator: .mle, regularization: 0, target: .standard(dimension: 2))
        let model = try gaussian([0.6, 0.8], [0.25, 0, 0, 0.25])
        let values = fitter.evaluate(model)
        #expect(abs(values[0] - (1 + 0.5).squareRoot()) < 1e-12)  // |μ|² = 1, 2·(1 − 0.5)²
        #expect(abs(values[1] - 1) < 1e-12)
        #expect(abs(values[2] - 0.25) < 1e-12)
    }
}
