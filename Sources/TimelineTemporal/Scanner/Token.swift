/// One token of a tagged text. Offsets are Unicode scalar offsets, end exclusive.
struct Token: Sendable {
    enum Kind: UInt8, Sendable {
        /// A run of letters (not Han), lower-cased in `key`.
        case word
        /// A run of ASCII (or full-width) digits; `key` holds ASCII digits.
        case number
        /// Digits glued to letters (`1990s`, `19th`, `5pm`, `6459a746`), lower-cased.
        case mixed
        /// One Han character (or `〇`).
        case han
        /// Any other single non-space scalar (full-width forms folded to ASCII, dashes to `-`).
        case punct

        static let allKinds: [Kind] = [.word, .number, .mixed, .han, .punct]
    }

    var start: Int
    var end: Int
    var kind: Kind
    /// Whitespace separates this token from the previous one (or it is the first token).
    var spaceBefore: Bool
    /// The first scalar as written is upper-case.
    var capitalized: Bool
    /// The normalised text matched against rules and word lists.
    var key: String

    /// The token's integer value when it is a number of at most 9 digits.
    var intValue: Int? {
        guard kind == .number, key.utf8.count <= 9 else { return nil }
        return Int(key)
    }

    var isAlphanumeric: Bool { kind == .word || kind == .number || kind == .mixed }
}
