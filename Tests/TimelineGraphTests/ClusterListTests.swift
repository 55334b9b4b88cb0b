import Testing
import TimelineExtraction
import TimelineModel
@testable import TimelineGraph

/// The indexed clustering must give the clusters a scan of every cluster gives, and the ASCII reading of
/// title words the words the Unicode reading gives.
struct ClusterListTests {

    static let words = ["treaty", "signed", "border", "river", "summit", "troops", "clash", "talks", "the", "bank",
                        "bridge", "opened", "Harbin", "trade", "pact"]
    static let names = ["China", "Soviet Union", "Vietnam", "Moscow", "Beijing", "Ussuri River"]
    static let types = ["event", "event", "war", "conflict", "diplomacy", "agreement", "statement", "economy"]

    func mentions(_ count: Int, rng: inout SplitMix64) -> [ExtractedMention] {
        (0..<count).map { i in
            let title = (0..<Int.random(in: 1...4, using: &rng)).map { _ in Self.words.randomElement(using: &rng)! }
                .joined(separator: " ")
            let doc = "d\(Int.random(in: 0..<6, using: &rng)).txt"
            return ExtractedMention(document: doc, textSpan: i..<(i + 5), rawSpan: i..<(i + 5), quote: title,
                                    dateText: "x", dateSpan: i..<(i + 1), edtf: nil, title: title, titleQuality: 1,
                                    type: Self.types.randomElement(using: &rng)!,
                                    actors: (0..<Int.random(in: 0...2, using: &rng)).map { _ in Self.names.randomElement(using: &rng)! },
                                    places: (0..<Int.random(in: 0...1, using: &rng)).map { _ in Self.names.randomElement(using: &rng)! },
                                    language: "en", sentence: Int.random(in: 0..<4, using: &rng))
        }
    }

    @Test(arguments: ["1969", "1969-03", "1969-03-02"])
    func indexedClusteringIsTheScanOfEveryCluster(edtf: String) throws {
        let date = try #require(EventDate(edtf: edtf))
        var rng = SplitMix64(state: 42)
        for round in 0..<60 {
            let ms = mentions(Int.random(in: 1...80, using: &rng), rng: &rng)
            var list = ClusterList(edtf: edtf, date: date)
            var scanned: [Cluster] = []
            for (i, m) in ms.enumerated() {
                let (k, started) = list.add(m)
                let candidate = Cluster.Candidate(m, edtf: edtf)
                if let j = scanned.firstIndex(where: { $0.accepts(candidate) }) {
                    scanned[j].add(m)
                    #expect(k == j && !started, "round \(round), mention \(i)")
                } else {
                    scanned.append(Cluster(edtf: edtf, date: date, first: m))
                    #expect(k == scanned.count - 1 && started, "round \(round), mention \(i)")
                }
            }
            #expect(list.clusters.map(\.mentions) == scanned.map(\.mentions))
        }
    }

    @Test func asciiTitleWordsAreTheUnicodeReadingsWords() {
        var rng = SplitMix64(state: 7)
        let alphabet = Array("abcXYZ019 '-.,;Thea") + ["s", " "]
        for _ in 0..<2000 {
            let text = String((0..<Int.random(in: 0...40, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            // A non-ASCII character at the end sends the text down the Unicode path and ends its last word.
            #expect(Slug.contentWords(text) == Slug.contentWords(text + " é"), "\(text)")
        }
        #expect(Slug.contentWords("The Treaty's 2nd signing, at Nerchinsk") == ["treatys", "2nd", "signing", "nerchinsk"])
        #expect(Slug.contentWords("\u{212A}remlin talks") == ["kremlin", "talks"])
    }
}
