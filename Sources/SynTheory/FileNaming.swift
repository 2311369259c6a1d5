/// File names of the dataset: the reference's (which contain `#` and `"`), or safe ones.
enum FileNaming {
    /// `stem` as the reference spells it, or with `#` → `s`, quotes dropped, and any other
    /// character outside letters, digits, `-`, `.` and `_` replaced by `_`.
    static func stem(_ stem: String, safe: Bool) -> String {
        guard safe else { return stem }
        var out = ""
        for character in stem {
            switch character {
            case "#": out.append("s")
            case "\"": continue
            case _ where character.isASCII && (character.isLetter || character.isNumber || "-._".contains(character)):
                out.append(character)
            default: out.append("_")
            }
        }
        return out
    }
}
