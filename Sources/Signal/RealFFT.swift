import CFFTW
import Foundation

/// A forward real-to-complex FFT of one size through FFTW (single precision), with its own aligned
/// input and output buffers. One per worker thread; the FFTW planner is not thread-safe, so plans
/// are made under a process-wide lock (`FFTW_ESTIMATE`: no timing runs, the same plan every time).
public final class RealFFT {
    /// The transform length (samples).
    public let size: Int
    /// Number of complex output bins, `size / 2 + 1`.
    public var bins: Int { size / 2 + 1 }
    /// The input frame, `size` reals; fill it, then call `transform()`.
    public let input: UnsafeMutablePointer<Float>
    /// The output spectrum, `bins` complex values as (re, im) pairs.
    public let output: UnsafeMutablePointer<fftwf_complex>
    private let plan: fftwf_plan

    private static let planner = NSLock()

    /// A plan of `size` points (at least 2) with its buffers.
    public init(size: Int) {
        precondition(size > 1, "an FFT needs at least 2 points")
        self.size = size
        let input = fftwf_alloc_real(size)!, output = fftwf_alloc_complex(size / 2 + 1)!
        input.initialize(repeating: 0, count: size)
        self.input = input
        self.output = output
        plan = Self.planner.withLock { fftwf_plan_dft_r2c_1d(Int32(size), input, output, UInt32(FFTW_ESTIMATE))! }
    }

    deinit {
        Self.planner.withLock { fftwf_destroy_plan(plan) }
        fftwf_free(input)
        fftwf_free(output)
    }

    /// Transforms `input` into `output` (the new-array execute, on this object's own buffers).
    public func transform() {
        fftwf_execute_dft_r2c(plan, input, output)
    }
}
