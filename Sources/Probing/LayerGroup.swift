import LoomCore

/// Representations that are layers of one model (names ending in `layer<k>`, `-l<k>` or `_l<k>`,
/// two or more of them), for the per-layer curve.
struct LayerGroup: Equatable {
    /// The model's name, e.g. `basic-pitch` for `basic-pitch-layer0` … `basic-pitch-layer2`.
    let model: String
    /// (layer number, representation name), by layer.
    let layers: [Layer]

    struct Layer: Equatable {
        let number: Int
        let representation: String
    }

    /// The groups among `names`, in the order their first layer appears.
    static func groups(_ names: [String]) -> [LayerGroup] {
        var order: [String] = []
        var members: [String: [Layer]] = [:]
        for name in names {
            guard let (model, number) = split(name) else { continue }
            if members[model] == nil { order.append(model) }
            members[model, default: []].append(Layer(number: number, representation: name))
        }
        return order.compactMap { model in
            let layers = members[model]!.sorted { $0.number < $1.number }
            return layers.count >= 2 ? LayerGroup(model: model, layers: layers) : nil
        }
    }

    /// The model and layer number of a name like `model-layer3`, `model_l3` or `model-l3`.
    static func split(_ name: String) -> (String, Int)? {
        let digits = name.reversed().prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let number = Int(String(digits.reversed())) else { return nil }
        var stem = String(name.dropLast(digits.count))
        if stem.hasSuffix("layer") {
            stem.removeLast("layer".count)
        } else if stem.hasSuffix("-l") || stem.hasSuffix("_l") {
            stem.removeLast()
        } else {
            return nil
        }
        while let last = stem.last, last == "-" || last == "_" { stem.removeLast() }
        return stem.isEmpty ? nil : (stem, number)
    }
}
