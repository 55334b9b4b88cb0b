import Foundation
import Testing
@testable import TimelineRender
import TimelineModel

/// The fast paths of the encoders (clean text, ASCII wrapping, plain dates, paths without escapes) against
/// the straightforward implementations they replaced, kept here as references.
@Suite("Encoder fast paths")
struct FastPathTests {
    /// Texts that exercise every branch: spaces of all kinds, controls, bidi controls, CJK, punctuation,
    /// long words, CR LF, quotes and ampersands.
    static let samples: [String] = {
        let pieces = ["a", "Moscow", " ", "  ", "\t", "\n", "\r\n", "\u{85}", "\u{A0}", "\u{A1}", "\u{1680}", "\u{2002}",
                      "\u{200B}", "\u{2014}", "\u{201C}", "\u{2028}", "\u{202E}", "\u{202F}", "\u{205F}", "\u{2066}",
                      "\u{3000}", "\u{3001}", "\u{FF0C}", "\u{FFFE}", "\u{FFFF}", "\u{7F}", "\u{0}", "\u{1B}", "\u{9F}",
                      "中", "苏", "边境谈判", "（", "）", "。", "，", "“", "”", "&", "&lt;", "\"", "\\", "e\u{301}",
                      "Supercalifragilisticexpialidocious", "-", "(", ")", "1969-03-02", "é", "🙂", "x"]
        var seed: UInt64 = 42
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        var out = pieces
        for _ in 0..<3_000 {
            out.append((0..<(1 + next(14))).map { _ in pieces[next(pieces.count)] }.joined())
        }
        return out
    }()

    @Test("CorpusText.line equals the scalar-by-scalar cleaning")
    func line() {
        for s in Self.samples {
            #expect(CorpusText.line(s) == Reference.line(s), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test("CorpusText.wrap equals the original wrapping, at every width")
    func wrap() {
        for s in Self.samples {
            for width in [4, 7, 10, 26] {
                let text = CorpusText.line(s)
                #expect(CorpusText.wrap(text, width: width) == Reference.wrap(text, width: width), "\(text) at \(width)")
                // Unclean text too (wrap does not require it).
                #expect(CorpusText.wrap(s, width: width) == Reference.wrap(s, width: width))
            }
        }
    }

    @Test("DOT escaping and attributes equal the split-and-join originals")
    func escaping() {
        for s in Self.samples {
            let reference = "[k=\"" + s.split(separator: "\n", omittingEmptySubsequences: false)
                .map { DOTEncoder.escaped(String($0)) }.joined(separator: "\\n") + "\"]"
            #expect(DOTEncoder.attributes([("k", s)]) == reference)
            var out = ""
            DOTEncoder.appendQuoted(s, to: &out)
            #expect(out == DOTEncoder.quoted(s))
        }
    }

    @Test("DateLabel.parse equals EDTF's parser")
    func dates() {
        var values = ["1969", "196X", "19XX", "1969-03", "1969-13", "1969-00", "1969-21", "1969-03-02", "1969-02-30",
                      "2000-02-29", "1900-02-29", "0000", "-0044", "1969?", "1969-03~", " 1969", "1969 ", "1971/1972",
                      "1971-03/1972-06", "2000/..", "../1999", "196", "19690", "1969-3-2", "1969-03-2", "abcd", "196x",
                      "１９６９", "1969-03-02T10", ""]
        for y in stride(from: 1890, through: 2030, by: 7) {
            values += ["\(y)", "\(y / 10)X", "\(y)-01", "\(y)-12", "\(y)-02-28", "\(y)-02-29", "\(y)-04-31"]
        }
        for v in values {
            #expect(DateLabel.parse(v) == EDTF(v), "\(v)")
        }
    }

    @Test("document paths percent-encode as before")
    func paths() {
        for s in Self.samples + ["articles/a-b_c.d~e.md", "/abs/path", "javascript:alert(1)", "a b?c#d"] {
            var reference = ""
            for byte in s.utf8 {
                if (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
                    || "-._~/".utf8.contains(byte) {
                    reference.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    reference += String(format: "%%%02X", byte)
                }
            }
            #expect(DocumentLink.percentEncodedPath(s) == reference)
        }
    }
}

/// The text functions as they were before the fast paths.
private enum Reference {
    /// Returns `text` on one line: every run of whitespace (newlines, tabs, U+2028 ...) becomes one space,
    /// control characters (C0, DEL, C1), bidirectional embedding/override/isolate controls and the
    /// XML-forbidden noncharacters U+FFFE/U+FFFF are dropped, and the result is trimmed.
    static func line(_ text: String) -> String {
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

    /// `line(text)`, cut to at most `limit` characters (an ellipsis marks the cut, at a space when one is near).
    static func line(_ text: String, limit: Int) -> String {
        truncate(line(text), limit: limit)
    }

    /// Cuts `text` to at most `limit` characters, ending with "…" when it was cut.
    static func truncate(_ text: String, limit: Int) -> String {
        guard text.count > limit, limit > 1 else { return text }
        var cut = String(text.prefix(limit - 1))
        if let space = cut.lastIndex(of: " "), cut.distance(from: space, to: cut.endIndex) < 16 {
            cut = String(cut[..<space])
        }
        return cut + "…"
    }

    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    static func isDropped(_ s: Unicode.Scalar) -> Bool {
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
    static let noLineStart: Set<Character> = [
        "，", "。", "、", "；", "：", "！", "？", "）", "」", "』", "》", "〉", "】", "〕", "”", "’", "…", "·", "～",
        ",", ".", ";", ":", "!", "?", ")", "]",
    ]
    static let noLineEnd: Set<Character> = ["（", "「", "『", "《", "〈", "【", "〔", "“", "‘", "(", "["]

    /// Splits an already single-line text into balanced lines of at most about `width` columns (a wide
    /// character counts two): at spaces, between CJK characters (never before a closing mark or after an
    /// opening one), and inside words longer than a line.
    static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(width, 4)
        let tokens = tokenize(text)
        let greedy = fill(tokens, width: width)
        guard greedy.count > 1 else { return greedy }
        // The narrowest width that needs no more lines, so that the last line is not a stub.
        let total = tokens.reduce(0) { $0 + $1.cost + ($1.spaceBefore ? 1 : 0) }
        var w = max(4, (total + greedy.count - 1) / greedy.count)
        while w < width {
            let lines = fill(tokens, width: w)
            if lines.count <= greedy.count { return lines }
            w += 1
        }
        return greedy
    }

    struct Token {
        var text: String
        var cost: Int
        var spaceBefore: Bool
    }

    /// Words (runs of narrow characters) and single wide characters, with CJK punctuation kept with its
    /// neighbour.
    static func tokenize(_ text: String) -> [Token] {
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

    /// Greedy line filling.
    static func fill(_ tokens: [Token], width: Int) -> [String] {
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
