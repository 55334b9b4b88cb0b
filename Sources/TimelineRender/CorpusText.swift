// Cleaning of untrusted corpus text before any renderer-specific escaping.

/// Normalises text that comes from the corpus (titles, quotes, actors, document ids) so that it is safe to
/// embed in a single line of any output: DOT, SVG (XML 1.0) and Markdown.
enum CorpusText {
    /// Returns `text` on one line: every run of whitespace (newlines, tabs, U+2028 ...) becomes one space,
    /// control characters (C0, DEL, C1), bidirectional embedding/override/isolate controls and the
    /// XML-forbidden noncharacters U+FFFE/U+FFFF are dropped, and the result is trimmed.
    static func line(_ text: String) -> String {
        if isClean(text) { return text }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isSpace(scalar) {
                pendingSpace = !out.isEmpty
                continue
            }
            if isDropped(scalar) { continue }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            out.append(scalar)
        }
        return String(out)
    }

    /// Whether `line(text)` is `text` itself: no leading, trailing or repeated space, no other whitespace,
    /// nothing dropped. A scan of the UTF-8 bytes (the common case, which then costs no allocation).
    private static func isClean(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var previousSpace = true  // a leading space is not clean
            var i = 0
            let n = bytes.count
            while i < n {
                let byte = bytes[i]
                switch byte {
                case 0x20:
                    if previousSpace { return false }
                    previousSpace = true
                    i += 1
                    continue
                case 0x00...0x1F, 0x7F:
                    return false
                case 0xC2:  // U+0080–U+00A0: C1 controls, NEL, NO-BREAK SPACE
                    if i + 1 < n, bytes[i + 1] <= 0xA0 { return false }
                case 0xE1:  // U+1680 OGHAM SPACE MARK
                    if i + 2 < n, bytes[i + 1] == 0x9A, bytes[i + 2] == 0x80 { return false }
                case 0xE2:
                    if i + 2 < n {
                        let b1 = bytes[i + 1], b2 = bytes[i + 2]
                        // U+2000–U+200A spaces, U+2028/2029 separators, U+202A–U+202E bidi, U+202F space
                        if b1 == 0x80, b2 <= 0x8A || (0xA8...0xAF).contains(b2) { return false }
                        // U+205F space, U+2066–U+2069 bidi isolates
                        if b1 == 0x81, b2 == 0x9F || (0xA6...0xA9).contains(b2) { return false }
                    }
                case 0xE3:  // U+3000 IDEOGRAPHIC SPACE
                    if i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0x80 { return false }
                case 0xEF:  // U+FFFE, U+FFFF
                    if i + 2 < n, bytes[i + 1] == 0xBF, bytes[i + 2] >= 0xBE { return false }
                default:
                    break
                }
                previousSpace = false
                i += 1
            }
            return !previousSpace || n == 0
        }
    }

    /// `line(text)`, cut to at most `limit` characters (an ellipsis marks the cut, at a space when one is near).
    static func line(_ text: String, limit: Int) -> String {
        truncate(line(text), limit: limit)
    }

    /// Cuts `text` to at most `limit` characters, ending with "…" when it was cut.
    static func truncate(_ text: String, limit: Int) -> String {
        // A character takes at least one UTF-8 byte: a text of at most `limit` bytes is never cut.
        guard text.utf8.count > limit, text.count > limit, limit > 1 else { return text }
        var cut = String(text.prefix(limit - 1))
        if let space = cut.lastIndex(of: " "), cut.distance(from: space, to: cut.endIndex) < 16 {
            cut = String(cut[..<space])
        }
        return cut + "…"
    }

    private static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    private static func isDropped(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x1F, 0x7F...0x9F:       // C0 and C1 controls, DEL
            return true
        case 0x202A...0x202E, 0x2066...0x2069: // bidi embeddings, overrides and isolates ("Trojan source")
            return true
        case 0xFFFE, 0xFFFF:                 // not allowed in XML
            return true
        default:
            return false
        }
    }

    /// How many columns `c` takes in a monospaced rendering: 2 for East Asian wide and fullwidth
    /// characters (and emoji), 1 otherwise. Used to balance label lines.
    static func columns(_ c: Character) -> Int {
        guard let v = c.unicodeScalars.first?.value else { return 0 }
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// Whether a line may break right before or after `c` without a space (CJK ideographs, kana, Hangul).
    static func breaksAnywhere(_ c: Character) -> Bool {
        columns(c) == 2
    }

    /// Punctuation that must not start a line (CJK closing marks) or end one (opening brackets).
    private static let noLineStart: Set<Character> = [
        "，", "。", "、", "；", "：", "！", "？", "）", "」", "』", "》", "〉", "】", "〕", "”", "’", "…", "·", "～",
        ",", ".", ";", ":", "!", "?", ")", "]",
    ]
    private static let noLineEnd: Set<Character> = ["（", "「", "『", "《", "〈", "【", "〔", "“", "‘", "(", "["]

    /// Splits an already single-line text into balanced lines of at most about `width` columns (a wide
    /// character counts two): at spaces, between CJK characters (never before a closing mark or after an
    /// opening one), and inside words longer than a line.
    static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(width, 4)
        let tokens = tokenize(text, keepingText: true)
        return fill(tokens, width: balancedWidth(tokens, width: width))
    }

    /// How many lines ``wrap(_:width:)`` makes of `text`, without making them (a layout needs only the
    /// heights of the labels it does not draw).
    static func wrappedLineCount(_ text: String, width: Int) -> Int {
        let width = max(width, 4)
        let tokens = tokenize(text, keepingText: false)
        return lineCount(tokens, width: balancedWidth(tokens, width: width))
    }

    /// The narrowest width from which the greedy fill needs no more lines than at `width`, so that the last
    /// line is not a stub; `width` itself when the text fits on one line.
    private static func balancedWidth(_ tokens: [Token], width: Int) -> Int {
        let greedy = lineCount(tokens, width: width)
        guard greedy > 1 else { return width }
        let total = tokens.reduce(0) { $0 + $1.cost + ($1.spaceBefore ? 1 : 0) }
        var w = max(4, (total + greedy - 1) / greedy)
        while w < width {
            if lineCount(tokens, width: w) <= greedy { return w }
            w += 1
        }
        return width
    }

    private struct Token {
        /// The token's text; empty for a narrow token made without its text (see ``narrow``).
        var text: String
        var cost: Int
        var spaceBefore: Bool
        /// Whether every character of the token takes one column (ASCII), so that `cost` is its length.
        var narrow = false
    }

    /// Words (runs of narrow characters) and single wide characters, with CJK punctuation kept with its
    /// neighbour. ASCII words are made without their text unless `keepingText`.
    private static func tokenize(_ text: String, keepingText: Bool) -> [Token] {
        if text.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) { return tokenizeASCII(text, keepingText: keepingText) }
        var tokens: [Token] = []
        var word = ""
        var space = false
        func flush() {
            if !word.isEmpty {
                tokens.append(Token(text: word, cost: word.reduce(0) { $0 + columns($1) }, spaceBefore: space))
                space = false
                word = ""
            }
        }
        for c in text {
            if c == " " {
                flush()
                space = true
            } else if breaksAnywhere(c) {
                flush()
                if noLineStart.contains(c), !space, var last = tokens.popLast() {
                    last.text.append(c)
                    last.cost += columns(c)
                    tokens.append(last)
                } else if let last = tokens.last, !space, let final = last.text.last, noLineEnd.contains(final),
                          last.text.count <= 2 {
                    tokens[tokens.count - 1].text.append(c)
                    tokens[tokens.count - 1].cost += columns(c)
                } else {
                    tokens.append(Token(text: String(c), cost: columns(c), spaceBefore: space))
                    space = false
                }
            } else {
                word.append(c)
            }
        }
        flush()
        return tokens
    }

    /// ``tokenize(_:keepingText:)`` of ASCII text without CR (one character per byte, none wide): the words
    /// between spaces, each costing its length.
    private static func tokenizeASCII(_ text: String, keepingText: Bool) -> [Token] {
        var tokens: [Token] = []
        var space = false
        var start: String.Index?
        let utf8 = text.utf8
        func token(_ s: String.Index, _ e: String.Index) -> Token {
            Token(text: keepingText ? String(text[s..<e]) : "", cost: utf8.distance(from: s, to: e), spaceBefore: space,
                  narrow: true)
        }
        var i = utf8.startIndex
        while i != utf8.endIndex {
            if utf8[i] == UInt8(ascii: " ") {
                if let s = start {
                    tokens.append(token(s, i))
                    space = false
                    start = nil
                }
                space = true
            } else if start == nil {
                start = i
            }
            i = utf8.index(after: i)
        }
        if let s = start { tokens.append(token(s, utf8.endIndex)) }
        return tokens
    }

    /// How many lines ``fill(_:width:)`` makes, without building them.
    private static func lineCount(_ tokens: [Token], width: Int) -> Int {
        var lines = 0
        var used = 0
        var empty = true
        for token in tokens {
            let gap = (token.spaceBefore && !empty) ? 1 : 0
            if used + gap + token.cost <= width {
                used += gap + token.cost
                empty = false
                continue
            }
            if !empty {
                lines += 1
                used = 0
                empty = true
            }
            var cost = token.cost
            if token.narrow {
                // Cut as fill does: `width` characters a line.
                while cost > width {
                    lines += 1
                    cost -= width
                }
            } else if cost > width {
                // Cut as fill does: line-sized pieces by character widths.
                var headCost = 0
                for c in token.text {
                    let w = columns(c)
                    if headCost + w > width {
                        lines += 1
                        cost -= headCost
                        headCost = 0
                        if cost <= width { break }
                    }
                    headCost += w
                }
            }
            used = cost
            empty = false
        }
        if !empty { lines += 1 }
        return lines
    }

    /// Greedy line filling.
    private static func fill(_ tokens: [Token], width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        var used = 0
        for token in tokens {
            var piece = token.text
            var cost = token.cost
            let gap = (token.spaceBefore && !current.isEmpty) ? 1 : 0
            if used + gap + cost <= width {
                current += (gap == 1 ? " " : "") + piece
                used += gap + cost
                continue
            }
            if !current.isEmpty {
                lines.append(current)
                current = ""
                used = 0
            }
            // A word longer than a whole line is cut into line-sized pieces.
            while cost > width {
                var head = ""
                var headCost = 0
                for c in piece {
                    let w = columns(c)
                    if headCost + w > width { break }
                    head.append(c)
                    headCost += w
                }
                lines.append(head)
                piece = String(piece.dropFirst(head.count))
                cost -= headCost
            }
            current = piece
            used = cost
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
