extension String {
    /// The text with control characters and escape sequences shown as `\n`, `\t`, `\u{1B}`, so that
    /// text from files or other programs cannot move the cursor or recolour the terminal.
    public var terminalSafe: String {
        var result = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case _ where scalar.value < 0x20 || (0x7f...0x9f).contains(scalar.value):
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
