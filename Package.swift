// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "SynthLoom",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "loom", targets: ["loom"]),
        .library(name: "LoomCore", targets: ["LoomCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // C libraries, each a thin system module (pkg-config + Debian package hint).
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CSndFile", pkgConfig: "sndfile", providers: [.apt(["libsndfile1-dev"])]),
        .systemLibrary(name: "CFluidSynth", pkgConfig: "fluidsynth", providers: [.apt(["libfluidsynth-dev"])]),
        .systemLibrary(name: "CFFmpeg", pkgConfig: "libavformat",
                       providers: [.apt(["libavcodec-dev", "libavformat-dev", "libswscale-dev"])]),
        .systemLibrary(name: "CBulletSystem", pkgConfig: "bullet", providers: [.apt(["libbullet-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CFFTW", pkgConfig: "fftw3f", providers: [.apt(["libfftw3-dev"])]),
        // Bullet is C++: a small C API in front of it.
        .target(name: "CBullet", dependencies: ["CBulletSystem"]),

        // core
        .target(name: "LoomCore",
                dependencies: ["COpenSSL", .product(name: "Yams", package: "Yams")],
                swiftSettings: strict),

        // engines
        .target(name: "Media", dependencies: ["LoomCore", "CSndFile", "CFluidSynth", "CFFmpeg"], swiftSettings: strict),
        .target(name: "Learn", dependencies: ["LoomCore", "CBLAS"], swiftSettings: strict),
        .target(name: "Physics", dependencies: ["LoomCore", "CBullet"], swiftSettings: strict),
        .target(name: "Render", dependencies: ["LoomCore"], swiftSettings: strict),
        .target(name: "Signal", dependencies: ["CFFTW"], swiftSettings: strict),

        // generators
        .target(name: "Mixtures", dependencies: ["LoomCore"], swiftSettings: strict),
        .target(name: "SynTheory", dependencies: ["LoomCore", "Media"], swiftSettings: strict),
        .target(name: "ForcePrompt", dependencies: ["LoomCore", "Physics", "Render", "Media"], swiftSettings: strict),
        .target(name: "Mocap", dependencies: ["LoomCore", "Physics", "Media"], swiftSettings: strict),

        // stages
        .target(name: "FourierHead", dependencies: ["LoomCore", "Learn"], swiftSettings: strict),
        .target(name: "SelfConsuming", dependencies: ["LoomCore"], swiftSettings: strict),
        .target(name: "Probing", dependencies: ["LoomCore", "Learn", "Signal", "Media"], swiftSettings: strict),
        .target(name: "MotionCorrection", dependencies: ["LoomCore", "Physics", "Mocap", "SelfConsuming"], swiftSettings: strict),
        .target(name: "MotionLoop", dependencies: ["LoomCore", "Learn", "Physics", "Media", "Mocap", "SelfConsuming", "MotionCorrection"],
                swiftSettings: strict),

        // shared by the test targets only
        .target(name: "TestSupport", dependencies: ["LoomCore"], path: "Sources/TestSupport"),

        // command line
        .executableTarget(name: "loom",
                          dependencies: ["LoomCore", "Mixtures", "SynTheory", "ForcePrompt", "Mocap", "FourierHead",
                                         "SelfConsuming", "Probing", "MotionCorrection", "MotionLoop", "Signal", "Media", "Learn", "Physics", "Render",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          swiftSettings: strict),

        .testTarget(name: "SystemLibrariesTests",
                    dependencies: ["CBLAS", "CSndFile", "CFluidSynth", "CFFmpeg", "CBullet"]),
        .testTarget(name: "LoomCoreTests", dependencies: ["LoomCore", "TestSupport"]),
        .testTarget(name: "MixturesTests", dependencies: ["Mixtures", "LoomCore", "TestSupport"]),
        .testTarget(name: "MediaTests", dependencies: ["Media", "CFFmpeg", "LoomCore", "TestSupport"]),
        .testTarget(name: "LearnTests", dependencies: ["Learn", "LoomCore", "TestSupport"]),
        .testTarget(name: "PhysicsTests", dependencies: ["Physics", "Mocap", "Media", "LoomCore", "TestSupport"]),
        .testTarget(name: "RenderTests", dependencies: ["Render", "LoomCore", "TestSupport"]),
        .testTarget(name: "SignalTests", dependencies: ["Signal", "LoomCore", "TestSupport"], exclude: ["Parity"]),
        .testTarget(name: "SynTheoryTests", dependencies: ["SynTheory", "Media", "LoomCore", "TestSupport"]),
        .testTarget(name: "ForcePromptTests", dependencies: ["ForcePrompt", "Physics", "Render", "Media", "LoomCore", "TestSupport"]),
        .testTarget(name: "MocapTests", dependencies: ["Mocap", "Physics", "Media", "LoomCore", "TestSupport"]),
        .testTarget(name: "FourierHeadTests", dependencies: ["FourierHead", "Learn", "LoomCore", "TestSupport"]),
        .testTarget(name: "SelfConsumingTests", dependencies: ["SelfConsuming", "LoomCore", "TestSupport"]),
        .testTarget(name: "ProbingTests", dependencies: ["Probing", "SynTheory", "Learn", "LoomCore", "TestSupport"]),
        .testTarget(name: "MotionLoopTests", dependencies: ["MotionLoop", "MotionCorrection", "SelfConsuming", "Learn", "Mocap", "Physics", "Media",
                                                            "LoomCore", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["LoomCore", "TestSupport"]),
        .testTarget(name: "MotionCorrectionTests",
                    dependencies: ["MotionCorrection", "Mocap", "Physics", "Media", "SelfConsuming", "LoomCore", "TestSupport"]),
    ],
    cxxLanguageStandard: .cxx17
)
