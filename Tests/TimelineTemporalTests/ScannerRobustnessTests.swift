import Foundation
import Testing
import TimelineModel
@testable import TimelineTemporal

/// The byte scanner and the tagger on hostile input: random bytes (decoded with replacement), mutated
/// dates, and long degenerate lines, checking well-formed results and roughly linear time. Bounded to a
/// few seconds in a debug build.
@Suite("Scanner robustness")
struct ScannerRobustnessTests {
    let tagger = TemporalTagger.shared

    /// Every expression lies inside the text, in order, without overlap, and its text is what it spans.
    func checkWellFormed(_ text: String, _ found: [TimeExpression], _ label: String) {
        let scalars = Array(text.unicodeScalars)
        var last = 0
        for e in found {
            #expect(e.start >= last && e.start < e.end && e.end <= scalars.count, "\(label): \(e)")
            guard e.start >= last && e.start < e.end && e.end <= scalars.count else { return }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[e.start..<e.end])
            #expect(String(view) == e.text, "\(label): \(e.text)")
            if let edtf = e.edtf { #expect(EDTF(edtf) != nil, "\(label): \(edtf)") }
            last = e.end
        }
    }

    /// The byte scanner's tokens are the reference tokenizer's, field by field.
    func checkTokens(_ text: String, _ label: String) {
        let reference = Tokenizer.tokenize(Array(text.unicodeScalars))
        var copy = text
        copy.makeContiguousUTF8()
        copy.utf8.withContiguousStorageIfAvailable { bytes in
            var toks: [STok] = []
            var arena: [UInt8] = []
            ByteScanner.scan(bytes, vocab: tagger.vocabulary, into: &toks, arena: &arena)
            #expect(toks.count == reference.count, "\(label): \(toks.count) tokens, expected \(reference.count)")
            guard toks.count == reference.count else { return }
            toks.withUnsafeBufferPointer { tp in
                arena.withUnsafeBufferPointer { ap in
                    let view = TokenView(toks: tp, text: bytes, arena: ap)
                    for (i, r) in reference.enumerated() {
                        let t = view.token(i)
                        let same = t.start == r.start && t.end == r.end && t.kind == r.kind && t.spaceBefore == r.spaceBefore
                            && t.capitalized == r.capitalized && t.key == r.key
                        #expect(same, "\(label): token \(i) \(t) != \(r)")
                        if !same { return }
                        #expect(view.toks[i].id == tagger.vocabulary.id(of: r.key), "\(label): id of \(r.key)")
                        #expect(view.intValue(i) == r.intValue, "\(label): value of \(r.key)")
                    }
                }
            }
        }
    }

    @Test("random bytes decoded with replacement", arguments: 0..<4)
    func randomBytes(seed: Int) {
        var rng = SplitMix64(seed: UInt64(1000 + seed))
        // Bytes biased towards ASCII letters, digits, punctuation and UTF-8 lead and continuation bytes.
        let pool: [UInt8] = Array("0123456789 -/.,:'JuneMay2019thes\n".utf8) + [0x80, 0xBF, 0xC3, 0xA9, 0xE2, 0x80, 0x93,
                                                                                 0xE5, 0xB9, 0xB4, 0xF0, 0x9F, 0x8E, 0x89, 0xFF, 0x00, 0xEF, 0xBC, 0x92]
        for n in 0..<150 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(rng.next() % 200) {
                bytes.append(rng.next() % 3 == 0 ? UInt8(truncatingIfNeeded: rng.next()) : pool[Int(rng.next() % UInt64(pool.count))])
            }
            let text = String(decoding: bytes, as: UTF8.self)
            checkTokens(text, "bytes \(seed)/\(n)")
            checkWellFormed(text, tagger.tag(text, dct: rng.next() % 2 == 0 ? dct2013 : nil), "bytes \(seed)/\(n)")
        }
    }

    @Test func mutatedDates() {
        var rng = SplitMix64(seed: 77)
        let sentences = [
            "On June 5, 2019, 30 years after 1989, prices fell 26%.", "The 1990s ended on Friday, Dec. 31, 1999 at 11:59 p.m.",
            "Sales rose in the third quarter of fiscal 1998 and twenty-four days later.", "二〇一九年三月五日，近三十年来。",
            "ＴＨＥ ２０１９ Ｊｕｎｅ — since 2000 – the 19th century's 5pm meeting 19980303.",
            "Éric said Ångström's İstanbul visit was last Wednesday, ninety-nine years ago.",
        ]
        let noise = Array("0123456789 -–—/.,:'’年月日Jj\u{FFFD}é🎉".unicodeScalars)
        for n in 0..<400 {
            var scalars = Array(sentences[n % sentences.count].unicodeScalars)
            for _ in 0..<(1 + Int(rng.next() % 4)) where !scalars.isEmpty {
                let p = Int(rng.next() % UInt64(scalars.count))
                switch rng.next() % 3 {
                case 0: scalars[p] = noise[Int(rng.next() % UInt64(noise.count))]
                case 1: scalars.remove(at: p)
                default: scalars.insert(noise[Int(rng.next() % UInt64(noise.count))], at: p)
                }
            }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            let text = String(view)
            checkTokens(text, "mutated \(n)")
            checkWellFormed(text, tagger.tag(text, dct: dct2013), "mutated \(n)")
        }
    }

    /// Degenerate lines: the time for 4× the text stays within a generous factor of 4× the time.
    @Test(arguments: ["1", "the ", "-", "- ", "1-", "a ", "twenty-", "二〇", "June ", "'s ", "1990s ", "\u{FFFD}", "é", "mid-"])
    func longDegenerateLinesStayLinear(unit: String) {
        let small = String(repeating: unit, count: 4_000 / unit.utf8.count)
        let large = String(repeating: unit, count: 16_000 / unit.utf8.count)
        let clock = ContinuousClock()
        var found: [TimeExpression] = []
        let t1 = clock.measure { found = tagger.tag(small, dct: dct2013) }
        checkWellFormed(small, found, unit)
        let t2 = clock.measure { found = tagger.tag(large, dct: dct2013) }
        checkWellFormed(large, found, unit)
        #expect(t2 < .seconds(2), "\(unit): \(t2) for 16 KB")
        #expect(t2 < t1 * 16 + .milliseconds(50), "\(unit): \(t1) for 4 KB but \(t2) for 16 KB")
    }

    @Test func emptyAndTinyInputs() {
        for text in ["", " ", "\u{0}", "\u{FFFD}", "1", "a", "年", "\n\n\n", "🎉", "\u{301}", "Ａ", "２"] {
            checkTokens(text, "tiny")
            checkWellFormed(text, tagger.tag(text, dct: dct2013), "tiny")
            checkWellFormed(text, tagger.tag(text, dct: nil, language: .en), "tiny")
        }
    }

    /// The Chinese rules all need a non-ASCII token, so an ASCII text is not scanned for them; the English
    /// ones do not. The shortcut changes nothing: ASCII texts tag the same with both languages as with English.
    @Test func asciiTextsSkipRulesThatNeedNonASCII() {
        let byCode = Dictionary(uniqueKeysWithValues: tagger.compiled.map { ($0.source.code, $0) })
        #expect(byCode["zh"]?.needsNonASCII == true)
        #expect(byCode["en"]?.needsNonASCII == false)
        for text in ["On June 5, 2019 it rained.", "2019-05-06 and 1990s", "last week ~ 3 years ago", "19980303"] {
            let both = tagger.tag(text, dct: dct2013), en = tagger.tag(text, dct: dct2013, language: .en)
            #expect(both.map(\.value) == en.map(\.value), "\(text)")
        }
        #expect(TemporalTagger.isASCII(UnsafeBufferPointer(start: nil, count: 0)))
        for (text, ascii) in [("abcdefgh ijklmnop", true), ("abcdefgh ijklmnoé", false), ("é", false), ("0123456789", true)] {
            let bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBufferPointer { TemporalTagger.isASCII($0) } == ascii, "\(text)")
        }
    }

    /// The scanner classifies eight bytes at a time: each byte value, in each of the eight lanes and beside
    /// random neighbours, is a letter or a digit exactly when the byte table says so.
    @Test func chunkClassificationAgreesWithTheByteTable() {
        var rng = SplitMix64(seed: 5)
        for lane in 0..<8 {
            for value in 0..<256 {
                var x = rng.next()
                x = x & ~(UInt64(0xFF) << UInt64(8 * lane)) | UInt64(value) << UInt64(8 * lane)
                let letters = ByteScanner.between(x | ByteScanner.ones &* 0x20, 0x60, 0x7B)
                let digits = ByteScanner.between(x, 0x2F, 0x3A)
                let cls = value < 128 ? ByteScanner.asciiClass[value] : 0
                #expect((letters >> UInt64(8 * lane + 7)) & 1 == (cls == 2 ? 1 : 0), "letter \(value) in lane \(lane)")
                #expect((digits >> UInt64(8 * lane + 7)) & 1 == (cls == 3 ? 1 : 0), "digit \(value) in lane \(lane)")
            }
        }
    }

    /// Every ASCII key a rule can match is found whatever its length (hashed in chunks of eight bytes) and
    /// case, alone, at the end of the text and before punctuation.
    @Test func everyASCIIKeyIsFoundInAnyCase() {
        let vocab = tagger.vocabulary
        for (id, key) in vocab.keys.enumerated() where key.utf8.allSatisfy({ $0 < 0x80 }) && key.utf8.count > 1
            && key.utf8.allSatisfy({ ByteScanner.asciiClass[Int($0)] >= 2 }) {
            for text in [key, key.uppercased(), "x \(key.capitalized).", "(\(key)"] {
                var copy = text
                copy.makeContiguousUTF8()
                let found: Int32? = copy.utf8.withContiguousStorageIfAvailable { bytes in
                    var toks: [STok] = []
                    var arena: [UInt8] = []
                    ByteScanner.scan(bytes, vocab: vocab, into: &toks, arena: &arena)
                    return toks.first(where: { $0.kLen == UInt16(key.utf8.count) })?.id
                } ?? nil
                #expect(found == Int32(id), "\(text): \(String(describing: found)), expected \(id)")
            }
        }
    }
}
