import Foundation
import Testing
@testable import TimelineExtraction
import TimelineModel

/// The extractor's fast paths (literal scalar searches on simple text, ASCII byte loops, one-pass trigger and cue
/// tables) must give exactly what the String and Foundation operations they replace give. Each test compares the
/// two on pseudo-random texts made of words, punctuation, whitespace, accents (precomposed and combining),
/// Chinese and emoji.
@Suite struct FastPathTests {
    static let pieces = [
        "the", "The", "war", "wars", "signed", "treaty", "treaties", "cold war", "in response to", "after", "between",
        "the two", "sides", "of", "was named", " ", "  ", "\n", "\r\n", "\t", ",", ", ", " ,", ";", ":", "—", "–", "(", ")",
        "*", "_", "`", "#", "[", "]", "](x)", ".", "\u{1}", "e\u{301}", "é", "Ü", "İ", "ß", "\u{A0}", "\u{3000}", "中俄",
        "签署", "条约", "世纪", "战争", "“", "”", "’", "🎉", "K", "\u{212A}", "\u{37E}", "if", "unless", "Posted", "©", "|",
        "1998", "March 5", "ly", "quickly", "Moscow", "Beijing", "China", "Chinese", "x",
    ]

    static func text(_ rng: inout SplitMix64, words: Int = 12) -> String {
        var s = ""
        for _ in 0..<rng.below(words + 1) { s += pieces[rng.below(pieces.count)] }
        return s
    }

    @Test func scalarSliceToString() {
        var rng = SplitMix64(state: 1)
        for _ in 0..<2000 {
            let u = Array(FastPathTests.text(&rng).unicodeScalars)
            let a = rng.below(u.count + 1), b = a + rng.below(u.count - a + 1)
            var v = String.UnicodeScalarView()
            v.append(contentsOf: u[a..<b])
            #expect(u.string(a..<b) == String(v))
            #expect(Array(u.string(a..<b).unicodeScalars) == Array(u[a..<b]))
        }
    }

    /// The Character loops the ASCII paths replace.
    static func collapsingReference(_ s: String) -> String {
        var out = ""
        var lastSpace = false
        for c in s {
            if c.isWhitespace {
                if !lastSpace { out.append(" ") }
                lastSpace = true
            } else {
                out.append(c)
                lastSpace = false
            }
        }
        return out
    }

    static func stripMarkdownReference(_ s: String) -> String {
        var out = ""
        let chars = Array(s)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "]", i + 1 < chars.count, chars[i + 1] == "(", let close = chars[(i + 1)...].firstIndex(of: ")") {
                i = close + 1
                continue
            }
            if "*_`#[]".contains(c) { i += 1; continue }
            out.append(c)
            i += 1
        }
        return out
    }

    static func clausePiecesReference(_ text: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        let chars = Array(text)
        for (k, ch) in chars.enumerated() {
            let isComma = ch == "," && (k + 1 == chars.count || chars[k + 1] == " ")
            if isComma || ";:—()|".contains(ch) || ch == "–" {
                pieces.append(current.trimmingCharacters())
                current = ""
            } else {
                current.append(ch)
            }
        }
        pieces.append(current.trimmingCharacters())
        return pieces
    }

    @Test func stringHelpersMatchCharacterLoops() {
        var rng = SplitMix64(state: 2)
        for _ in 0..<3000 {
            let s = FastPathTests.text(&rng)
            #expect(s.collapsingSpaces() == FastPathTests.collapsingReference(s), "\(s.debugDescription)")
            #expect(TitleMaker.stripMarkdown(s) == FastPathTests.stripMarkdownReference(s), "\(s.debugDescription)")
            #expect(TitleMaker.clausePieces(s) == FastPathTests.clausePiecesReference(s), "\(s.debugDescription)")
        }
    }

    @Test func precedingWordsMatchesStringPipeline() {
        let extractor = EventExtractor()
        var rng = SplitMix64(state: 3)
        for _ in 0..<2000 {
            let u = Array(FastPathTests.text(&rng, words: 16).unicodeScalars)
            let offset = rng.below(u.count + 1)
            let count = 1 + rng.below(8)
            // The reference: the same word walk, then the String pipeline on the whole span.
            var i = offset, words = 0, inWord = false
            while i > 0 {
                let c = u[i - 1]
                if TextSearch.isHan(c) { if words >= count { break }; words += 1; i -= 1; continue }
                if c.properties.isAlphabetic { inWord = true } else if inWord { words += 1; inWord = false; if words >= count { break } }
                if ".;!?。；\n".unicodeScalars.contains(c) { break }
                i -= 1
            }
            let expected = " " + u.string(i..<offset).lowercased().collapsingSpaces().trimmingCharacters()
            #expect(extractor.precedingWords(u, before: offset, count: count) == expected)
        }
    }

    @Test func literalSearchMatchesFoundationOnSimpleText() {
        var rng = SplitMix64(state: 4)
        for _ in 0..<3000 {
            let hay = FastPathTests.text(&rng, words: 10)
            let needle = FastPathTests.text(&rng, words: 2)
            let h = Array(hay.unicodeScalars), n = Array(needle.unicodeScalars)
            let foundation = hay.range(of: needle)
            func offsets(_ r: Range<String.Index>?) -> [Int]? {
                r.map { [hay.utf8.distance(from: hay.startIndex, to: $0.lowerBound), hay.utf8.distance(from: hay.startIndex, to: $0.upperBound)] }
            }
            #expect(offsets(TextSearch.range(of: needle, in: hay)) == offsets(foundation), "\(hay.debugDescription) \(needle.debugDescription)")
            if let m = TextSearch.mayContain(any: [needle], in: hay) {
                #expect(m == (foundation != nil))
            }
            guard TextSearch.isSimple(h), TextSearch.isSimple(n), !n.isEmpty else { continue }
            #expect(TextSearch.containsLiteral(n, in: h) == (foundation != nil))
            #expect(TextSearch.containsLiteral(n, in: h) == hay.contains(needle))
            let replaced = TextSearch.replacingLiteral(n, with: [" "], in: h)
            #expect(replaced.string(0..<replaced.count) == hay.replacingOccurrences(of: needle, with: " "))
        }
    }

    @Test func eventTypeTableMatchesTriggerByTrigger() {
        let lexicon = Lexicon.shared
        func reference(_ text: String) -> String {
            var lowered = text.lowercased()
            for phrase in lexicon.ignoredPhrases.en + lexicon.ignoredPhrases.zh {
                lowered = lowered.replacingOccurrences(of: phrase, with: " ")
            }
            let scalars = Array(lowered.unicodeScalars)
            var best = ("event", 0)
            for t in lexicon.eventTypes {
                var hits = 0
                for w in t.en where TextSearch.firstWord(Array(w.unicodeScalars), in: scalars, caseInsensitive: true,
                                                          allowInflection: true) != nil { hits += 1 }
                for w in t.zh where TextSearch.first(Array(w.unicodeScalars), in: scalars) != nil { hits += 1 }
                if hits > best.1 { best = (t.type, hits) }
            }
            return best.0
        }
        var triggers = lexicon.eventTypes.flatMap { $0.en + $0.zh }
        triggers += lexicon.ignoredPhrases.en + lexicon.ignoredPhrases.zh
        var rng = SplitMix64(state: 5)
        for _ in 0..<3000 {
            var s = ""
            for _ in 0..<rng.below(8) {
                s += rng.below(2) == 0 ? triggers[rng.below(triggers.count)] : FastPathTests.pieces[rng.below(FastPathTests.pieces.count)]
                if rng.below(3) == 0 { s += ["s", "ed", "ing", " ", "-", "x"][rng.below(6)] }
            }
            #expect(lexicon.eventType(of: s) == reference(s), "\(s.debugDescription)")
        }
    }

    @Test func cueFinderMatchesCueByCue() {
        let index = Lexicon.shared.index
        var words = index.cues.map { $0.cue.en ?? $0.cue.zh ?? "" }
        words += FastPathTests.pieces
        var rng = SplitMix64(state: 6)
        for _ in 0..<2000 {
            var s = ""
            for _ in 0..<rng.below(10) {
                let w = words[rng.below(words.count)]
                s += rng.below(3) == 0 ? w.uppercased() : w
                if rng.below(2) == 0 { s += [" ", "s", ",", "x"][rng.below(4)] }
            }
            let hay = Array(s.unicodeScalars)
            let from = rng.below(hay.count + 1), to = from + rng.below(hay.count - from + 1)
            for (list, finder) in [(index.cues, index.cueFinder), (index.cuesLongestFirst, index.cueFinderLongestFirst)] {
                let found = finder.firstOffsets(in: hay, from: from, to: to)
                for (j, cue) in list.enumerated() {
                    let expected = cue.cue.en != nil
                        ? TextSearch.firstWord(cue.scalars, in: hay, caseInsensitive: true, from: from, to: to)
                        : TextSearch.first(cue.scalars, in: hay, from: from, to: to)
                    #expect(found[j] == (expected ?? -1), "\(s.debugDescription) \(cue.scalars)")
                }
            }
        }
    }
}
