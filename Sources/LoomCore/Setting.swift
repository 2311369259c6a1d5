/// One option of a generator or stage, declared once: its default (the property's initial value)
/// and the line `--help` shows for it.
///
/// `@Setting("Number of clips.") var count = 4` is the whole declaration: the flag `--count`, the
/// key `count` in a config file or `--set`, its help and its default all come from that line (see
/// `ConfigOptions`). It encodes and decodes as its bare value.
@propertyWrapper
public struct Setting<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    /// The option's value.
    public var wrappedValue: Value
    /// The one-line help; empty on a decoded value (help is read from the declaration's defaults).
    public let help: String

    /// A setting with its default and one-line help.
    public init(wrappedValue: Value, _ help: String) {
        self.wrappedValue = wrappedValue
        self.help = help
    }

    /// Decodes the bare value, with empty help.
    public init(from decoder: any Decoder) throws {
        wrappedValue = try Value(from: decoder)
        help = ""
    }

    /// Encodes the bare value.
    public func encode(to encoder: any Encoder) throws {
        try wrappedValue.encode(to: encoder)
    }

    /// Equal when the values are equal (help is ignored).
    public static func == (a: Self, b: Self) -> Bool { a.wrappedValue == b.wrappedValue }
}

/// What `ConfigOptions` reads of a `Setting` through reflection.
protocol SettingDescription {
    var help: String { get }
    /// The allowed values of an enum option, in declaration order; nil for other types.
    var choices: [String]? { get }
    /// Whether the value is a list (or an optional list).
    var isList: Bool { get }
    /// The value's placeholder in `--help`: int, number, text, list, name, or switch for a Bool.
    var valueName: String { get }
}

extension Setting: SettingDescription {
    var isList: Bool {
        let name = String(describing: Value.self)
        return name.hasPrefix("Array<") || name.hasPrefix("Optional<Array<")
    }

    var valueName: String {
        if isList { return "list" }
        if choices != nil { return "name" }
        var name = String(describing: Value.self)
        if name.hasPrefix("Optional<") { name = String(name.dropFirst(9).dropLast()) }
        switch name {
        case "Int", "UInt64", "Int64": return "int"
        case "Double", "Float": return "number"
        case "String": return "text"
        case "Bool": return "switch"
        default: return "value"
        }
    }

    var choices: [String]? {
        guard let type = Value.self as? any (CaseIterable & RawRepresentable).Type else { return nil }
        return Self.names(of: type)
    }

    private static func names<T: CaseIterable & RawRepresentable>(of type: T.Type) -> [String] {
        T.allCases.map { "\($0.rawValue)" }
    }
}
