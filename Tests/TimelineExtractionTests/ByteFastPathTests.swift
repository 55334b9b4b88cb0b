import Foundation
import Testing
@testable import TimelineExtraction
import TimelineModel

/// The second round of fast paths (byte loops for ASCII titles, one-pass phrase finders, direct UTF-8 decoding)
/// against the String operations they replace, on the same pseudo-random texts as ``FastPathTests``.
@Suite struct ByteFastPathTests {
    static func text(_ rng: inout SplitMix64, words: Int = 12) -> String {
        // Mostly ASCII pieces, so that the ASCII paths are taken often; all pieces now and then.
        if rng.below(3) == 0 { return FastPathTests.text(&rng, words: words) }
        let ascii = FastPathTests.pieces.filter { $0.utf8.allSatisfy { $0 < 0x80 } }
            + ["when", "after ", "however", "and", "but,", "in fact", "as a result", "according to reports", "involving",
               "in a", "an", "significantly", "the", "The", "\"", "'", "-", ". ", "the two countries", "this", "that",
               "the same", "these", "Stuff", "of the", "a very long word sequence that keeps going on and on"]
        var s = ""
        for _ in 0..<rng.below(words + 1) { s += ascii[rng.below(ascii.count)] }
        return s
    }

    static func trimReference(_ s: String, extra: String = "") -> String {
        var t = Substring(s)
        while let c = t.first, c.isWhitespace || extra.contains(c) { t = t.dropFirst() }
        while let c = t.last, c.isWhitespace || extra.contains(c) { t = t.dropLast() }
        return String(t)
    }

    /// `TitleMaker.finish` as it was, Character by Character.
    static func finishReference(_ raw: String) -> String {
        var s = trimReference(FastPathTests.collapsingReference(FastPathTests.stripMarkdownReference(raw)),
                              extra: ",;:.\"'“”‘’-—– ")
        let limit = 72
        if s.count > 40 {
            var words = s.split(separator: " ").map(String.init)
            if let cut = words.indices.dropFirst(4).first(where: { TitleMaker.elaborations.contains(words[$0].lowercased())
                || (words[$0].lowercased() == "in" && $0 + 1 < words.count && ["a", "an"].contains(words[$0 + 1].lowercased())) }) {
                words = Array(words[..<cut])
                s = trimReference(words.joined(separator: " "), extra: ",;:—- ")
            }
        }
        if s.count > limit {
            var cutAt = s.index(s.startIndex, offsetBy: limit)
            let atSpace = s[..<cutAt].lastIndex(of: " ")
            if let space = atSpace { cutAt = space }
            var words = String(s[..<cutAt]).split(separator: " ").map(String.init)
            if atSpace != nil {
                let all = s.split(separator: " ").map(String.init)
                words = Array(all[..<TitleMaker.keptAtNameBoundary(words.count, lengths: all.map(\.count),
                                                                   capitalized: all.map { $0.first?.isUppercase == true })])
            }
            while words.count > 1, let last = words.last, TitleMaker.trailingJunk.contains(last.lowercased()) {
                words.removeLast()
            }
            s = trimReference(words.joined(separator: " "), extra: ",;:—- ")
        }
        var words = s.split(separator: " ").map(String.init)
        while words.count > 2, let last = words.last, last.count > 4, last.lowercased().hasSuffix("ly"),
              last.first?.isLowercase == true {
            words.removeLast()
        }
        if words.count > 3, words.first == "The" || words.first == "the" { words.removeFirst() }
        s = words.joined(separator: " ")
        if let f = s.first, f.isLowercase { s = f.uppercased() + s.dropFirst() }
        return TitleMaker.withoutUnpairedQuote(String(s.prefix(Event.maxTitleLength)))
    }

    static func stripFillersReference(_ text: String, lexicon: Lexicon) -> String {
        var s = trimReference(text)
        var changed = true
        while changed {
            changed = false
            let lower = s.lowercased()
            for (f, spaced, comma) in lexicon.index.fillersLongestFirst where lower.hasPrefix(spaced) || lower.hasPrefix(comma) {
                s = trimReference(String(s.dropFirst(f.count)), extra: ", ")
                changed = true
                break
            }
        }
        return s
    }

    @Test func titleStringHelpersMatchCharacterLoops() {
        var rng = SplitMix64(state: 7)
        let maker = TitleMaker()
        for _ in 0..<6000 {
            let s = ByteFastPathTests.text(&rng, words: 24)
            #expect(s.spaceSplit() == s.split(separator: " "), "\(s.debugDescription)")
            #expect(s.spaceWordCount() == s.split(separator: " ").count, "\(s.debugDescription)")
            #expect(s.isASCII == s.unicodeScalars.allSatisfy(\.isASCII))
            for extra in ["", ", ", ",;:.\"'“”‘’ ", ",;:—- "] {
                #expect(s.trimmingCharacters(extra: extra) == ByteFastPathTests.trimReference(s, extra: extra),
                        "\(s.debugDescription) \(extra.debugDescription)")
            }
            #expect(maker.finish(s) == ByteFastPathTests.finishReference(s), "\(s.debugDescription)")
            #expect(maker.stripFillers(s) == ByteFastPathTests.stripFillersReference(s, lexicon: maker.lexicon),
                    "\(s.debugDescription)")
            #expect(TitleMaker.joiningCommas(s) == s.replacingAll(" ,", with: ","), "\(s.debugDescription)")
            #expect(TextSearch.scalars(s) == Array(s.unicodeScalars), "\(s.debugDescription)")
            for n in [1, 3] {
                #expect(EventExtractor.firstWords(s, n)
                        == s.split(whereSeparator: { !$0.isLetter && $0 != "-" }).prefix(n).map(String.init),
                        "\(s.debugDescription)")
            }
            let u = Array(s.unicodeScalars)
            let a = rng.below(u.count + 1), b = a + rng.below(u.count - a + 1)
            #expect(TitleMaker.Words.lowered(u, a..<b) == u.string(a..<b).lowercased())
        }
    }

    @Test func literalFinderMatchesNeedleByNeedle() {
        var rng = SplitMix64(state: 11)
        for _ in 0..<2000 {
            let hay = Array(ByteFastPathTests.text(&rng, words: 20).unicodeScalars)
            let needles = (0..<rng.below(6)).map { _ in Array(ByteFastPathTests.text(&rng, words: 2).unicodeScalars) }
            let finder = LiteralFinder(needles)
            let expected = needles.map { TextSearch.containsLiteral($0, in: hay) }
            #expect(finder.found(in: hay) == expected)
            #expect(finder.any(in: hay) == expected.contains(true))
        }
    }

    @Test func anaphorsMatchFoundationSearch() {
        var rng = SplitMix64(state: 13)
        let extractor = EventExtractor()
        func reference(_ text: String) -> Bool {
            let words = " " + text.split(whereSeparator: { !$0.isLetter }).joined(separator: " ") + " "
            return extractor.lexicon.anaphors.en.contains { words.contains(" " + $0 + " ") }
        }
        for _ in 0..<4000 {
            let s = ByteFastPathTests.text(&rng, words: 6)
            #expect(extractor.hasAnaphor(s, zh: false) == reference(s), "\(s.debugDescription)")
        }
    }
}
