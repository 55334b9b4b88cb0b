import Foundation
import Testing
import TimelineModel
@testable import TimelineTemporal

@Suite("Robustness")
struct RobustnessTests {
    @Test func emptyAndDegenerateInputs() {
        let tagger = TemporalTagger.shared
        for text in ["", " ", "\n\n", "\u{FFFD}\u{FFFD}", "-", "年", "'s", "()", "9", "\u{0}", "🎉🎉"] {
            let found = tagger.tag(text, dct: dct2013)
            #expect(found.allSatisfy { $0.start >= 0 && $0.end <= text.unicodeScalars.count && $0.start < $0.end })
        }
    }

    @Test func aMegabyteOfDigitsIsFastAndYieldsNothing() {
        let digits = String(repeating: "1234567890", count: 100_000)
        let start = Date()
        #expect(TemporalTagger.shared.tag(digits, dct: dct2013).isEmpty)
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test func longRepetitiveTextsStayLinear() {
        let text = String(repeating: "On June 5, 2019, 30 years after 1989, prices fell 26%. ", count: 2000)
        let found = TemporalTagger.shared.tag(text, dct: dct2013)
        #expect(found.count == 2000 * 3)
    }

    @Test("random strings never crash and give well-formed spans", arguments: 0..<8)
    func fuzz(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed))
        let alphabet: [Unicode.Scalar] = Array("0123456789 -/.,:'年月日世纪代前后今去上本近十一二三〇abcdefJunMayFriday%$s\n\u{FFFD}é🎉".unicodeScalars)
        let words = ["June", "5", "2019", "the", "1960s", "last", "week", "ago", "years", "early", "mid-", "-", "年", "月",
                     "日", "since", "Friday", "p.m.", "17:35", "fiscal", "quarter", "third", "二〇一九", "近", "上世纪"]
        for _ in 0..<200 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int(rng.next() % 60) {
                if rng.next() % 2 == 0 {
                    text.append(alphabet[Int(rng.next() % UInt64(alphabet.count))])
                } else {
                    text.append(contentsOf: words[Int(rng.next() % UInt64(words.count))].unicodeScalars)
                    text.append(" ")
                }
            }
            let s = String(text)
            let n = s.unicodeScalars.count
            let dct: CalendarDay? = rng.next() % 3 == 0 ? nil : dct2013
            let found = TemporalTagger.shared.tag(s, dct: dct)
            var last = 0
            for e in found {
                #expect(e.start >= last && e.start < e.end && e.end <= n, "\(s)")
                last = e.end
                if let edtf = e.edtf { #expect(EDTF(edtf) != nil, "\(s): \(edtf)") }
                if dct == nil { #expect(e.edtf == nil || !e.value.contains("X") ) }
            }
        }
    }

    @Test func seedArticlesTagWithoutCrashing() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../shared/seeds").standardized
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: dir.path), !files.isEmpty else { return }
        for f in files.sorted() where f.hasSuffix(".txt") || f.hasSuffix(".md") || f.hasSuffix(".html") {
            let data = try Data(contentsOf: dir.appendingPathComponent(f))
            let text = String(decoding: data, as: UTF8.self)
            let found = TemporalTagger.shared.tag(text, dct: CalendarDay(year: 2025, month: 1, day: 1))
            #expect(!found.isEmpty, "\(f): no dates found")
            for e in found {
                // Never a count or an amount as a date.
                #expect(!(e.type == .date && e.text.allSatisfy(\.isNumber) && e.text.count > 4), "\(f): \(e.text)")
            }
        }
    }
}

