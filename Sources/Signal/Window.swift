import Foundation

/// Analysis windows, as `scipy.signal.get_window(..., fftbins=True)` makes them (periodic).
public enum Window {
    /// The periodic Hann window of `length` samples: 0.5 − 0.5·cos(2πn/length).
    public static func hann(_ length: Int) -> [Float] {
        (0..<length).map { Float(0.5 - 0.5 * cos(2 * Double.pi * Double($0) / Double(length))) }
    }
}
