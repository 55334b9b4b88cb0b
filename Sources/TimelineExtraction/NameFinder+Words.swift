/// The words of a text as ``NameFinder`` sees them: where each is, whether it is capitalised, opens a sentence,
/// is joined to the word before by spaces alone, and the name-rule lists it is on.
extension NameFinder {
    /// One word of the text.
    struct Word {
        var start: Int, end: Int
        /// The lists a capitalised word is on (a lower-case word's are looked up when asked: ``Words/cls(_:)``).
        var cls: WordClass
        /// Starts with a capital letter.
        var capitalised: Bool
        /// Ends in a possessive `'s`.
        var possessive: Bool
        /// Only spaces separate it from the word before (same clause, no punctuation).
        var joined: Bool
        /// Opens a sentence, a line or a list item.
        var initial: Bool
        /// Followed directly by a full stop (`Dr.`, `W.`).
        var dotted: Bool
    }

    /// The words of a text, with the text of the capitalised ones made once (the others' on demand: most words
    /// are never looked at again).
    final class Words {
        let items: [Word]
        let texts: [String]
        let s: [Unicode.Scalar]
        let classes: [String: WordClass]
        init(s: [Unicode.Scalar], items: [Word], texts: [String], classes: [String: WordClass]) {
            self.s = s; self.items = items; self.texts = texts; self.classes = classes
        }

        /// The lists word `i` is on.
        func cls(_ i: Int) -> WordClass {
            let w = items[i]
            return w.capitalised ? w.cls : classes[text(i)] ?? []
        }
        var count: Int { items.count }
        subscript(i: Int) -> Word { items[i] }
        /// The word's text (without a possessive `'s`).
        func text(_ i: Int) -> String {
            let t = texts[i]
            return t.isEmpty ? s.string(items[i].start..<items[i].end) : t
        }

        /// Whether word `i` is `literal` (ASCII), compared without making a string.
        func `is`(_ i: Int, _ literal: StaticString) -> Bool {
            let w = items[i]
            guard w.end - w.start == literal.utf8CodeUnitCount else { return false }
            let p = literal.utf8Start
            for k in 0..<(w.end - w.start) where s[w.start + k].value != UInt32(p[k]) { return false }
            return true
        }
    }

    func words(in text: [Unicode.Scalar]) -> Words {
        var items: [Word] = [], texts: [String] = []
        items.reserveCapacity(text.count / 5)
        texts.reserveCapacity(text.count / 5)
        text.withUnsafeBufferPointer { s in
            var i = 0
            let n = s.count
            var gapStart = 0
            while i < n {
                guard Self.isLetter(s[i]) else { i += 1; continue }
                let start = i
                while i < n, Self.isLetter(s[i]) || Self.isDigit(s[i])
                        || ((s[i] == "'" || s[i] == "’" || s[i] == "-") && i + 1 < n && Self.isLetter(s[i + 1])) {
                    i += 1
                }
                var end = i
                var possessive = false
                if end - start > 2, s[end - 1] == "s" || s[end - 1] == "S", s[end - 2] == "'" || s[end - 2] == "’" {
                    end -= 2
                    possessive = true
                }
                let first = s[start]
                var capitalised = Self.isUppercase(first)
                if capitalised {
                    // Words with digits (`F-16`) are no part of a name, nor a letter of an abbreviation (`U.S.`), nor
                    // an adjective made from a name (`Atlanta-based`).
                    if s[start..<end].contains(where: Self.isDigit) { capitalised = false }
                    if end - start == 1, (start > 0 && s[start - 1] == ".") || (end + 1 < n && s[end] == "." && Self.isLetter(s[end + 1])) {
                        capitalised = false
                    }
                    if let h = s[start..<end].lastIndex(of: "-"), s[h + 1].properties.isLowercase { capitalised = false }
                }
                let previous = items.last
                var joined = false
                if previous != nil, gapStart < start {
                    joined = true
                    for k in gapStart..<start where s[k] != " " && s[k] != "\u{A0}" { joined = false; break }
                    if !joined, previous!.dotted, start - gapStart == 2, s[start - 1] == " " { joined = true }
                }
                let dotted = i < n && s[i] == "."
                let initial = capitalised && isInitial(s, before: start, previous: previous)
                let word = capitalised ? text.string(start..<end) : ""
                items.append(Word(start: start, end: end, cls: capitalised ? classes[word] ?? [] : [], capitalised: capitalised,
                                  possessive: possessive, joined: joined, initial: initial, dotted: dotted))
                texts.append(word)
                gapStart = i
            }
        }
        return Words(s: text, items: items, texts: texts, classes: classes)
    }

    /// Whether the word at `start` opens a sentence, line or list item: only spaces, quotes, brackets, dashes and
    /// Markdown marks lie between it and a sentence end, a line break or the start of the text.
    func isInitial(_ s: UnsafeBufferPointer<Unicode.Scalar>, before start: Int, previous: Word?) -> Bool {
        var j = start - 1
        while j >= 0 {
            switch s[j] {
            case " ", "\t", "\u{A0}", "*", "_", "#", ">", "\"", "“", "”", "‘", "'", "(", "[", "-", "–", "—": j -= 1
            case "\n", "\r", "!", "?", ":", ";", "|": return true
            case ".":
                // `Dr. Kessler`, `George W. Bush`: an abbreviation's full stop ends no sentence.
                if let p = previous, p.end == j, p.capitalised, p.end - p.start == 1 || p.cls.contains(.personTitle) {
                    return false
                }
                return true
            default:
                // A numbered list item (`1. Name`) or a closing bracket of a list marker.
                return false
            }
        }
        return true
    }

    @inline(__always) static func isLetter(_ c: Unicode.Scalar) -> Bool {
        c.value < 128 ? (c.value | 0x20) >= 0x61 && (c.value | 0x20) <= 0x7A : c.properties.isAlphabetic && !TextSearch.isHan(c)
    }

    @inline(__always) static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

    /// Whether the line holding offset `i` is a Markdown heading (`# …`), whose words are capitalised anyway.
    func isInHeading(_ i: Int, _ s: [Unicode.Scalar]) -> Bool {
        // A heading is a short line: looking back at most 300 scalars keeps a long one-line text linear.
        var j = i
        while j > 0, s[j - 1] != "\n" {
            if i - j > 300 { return false }
            j -= 1
        }
        while j < i, s[j] == " " { j += 1 }
        return j < i && s[j] == "#"
    }

    @inline(__always) static func isUppercase(_ c: Unicode.Scalar) -> Bool {
        c.value < 128 ? c.value >= 0x41 && c.value <= 0x5A : c.properties.isUppercase
    }

    @inline(__always) static func isLowercase(_ c: Unicode.Scalar) -> Bool {
        c.value < 128 ? c.value >= 0x61 && c.value <= 0x7A : c.properties.isLowercase
    }
}
