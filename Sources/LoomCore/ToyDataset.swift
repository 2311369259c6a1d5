/// The names of the Fourier head paper's toy conditional distributions (features (x, y), target z):
/// the one list shared by the generator that draws them (Mixtures) and the stage that trains on them
/// (FourierHead).
public enum ToyDataset: String, Codable, Sendable, CaseIterable {
    /// x ~ U(-0.8, 0.8); y ~ N(x, var); z ~ N(y, var).
    case gaussian
    /// x, y ~ U(-0.8, 0.8); z ~ N(x, var) or N(y, var) with probability ½ each.
    case gmm2
    /// x ~ U(-0.8, 0.8); y ~ N(x, var); z = ±Beta(100|x|, 100|y|).
    case beta
    /// The v1 paper's dataset: z ~ N(min(x,y) - 0.1, var) or N(max(x,y) + 0.1, var).
    case gmm
}
