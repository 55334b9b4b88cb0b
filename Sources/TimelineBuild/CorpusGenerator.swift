import Foundation
import TimelineModel

/// Writes a deterministic synthetic corpus of news-like English documents, for benchmarks and tests of
/// regeneration on large corpora. Each document holds a few paragraphs of dated statements (treaties, visits,
/// battles, elections, trade deals) among a fixed cast of actors and places, so the extractor finds events
/// and merges some of them across documents, as it would on a real corpus.
public struct CorpusGenerator: Sendable {
    /// The number of documents to write.
    public var documents: Int
    /// The seed of the pseudo-random choices: the same seed writes the same bytes.
    public var seed: UInt64
    /// Dated statements per document.
    public var statementsPerDocument: Int

    /// A generator of `documents` documents.
    public init(documents: Int, seed: UInt64 = 1, statementsPerDocument: Int = 12) {
        self.documents = documents
        self.seed = seed
        self.statementsPerDocument = statementsPerDocument
    }

    /// Writes the corpus into `folder` (created if needed): `doc-0000.txt`, … spread over ten sub-folders.
    /// - Returns: The paths of the documents written, relative to `folder`.
    @discardableResult
    public func write(into folder: URL) throws -> [String] {
        var paths: [String] = []
        for i in 0..<documents {
            let path = String(format: "part-%02d/doc-%05d.txt", i % 10, i)
            let url = folder.appendingPathComponent(path)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(document(i).utf8).write(to: url)
            } catch {
                throw TimelineError.writeFailed(path: url.relativePath, reason: (error as NSError).localizedDescription)
            }
            paths.append(path)
        }
        return paths
    }

    /// The text of document `index`.
    public func document(_ index: Int) -> String {
        var rng = SplitMix(seed: seed &* 1_000_003 &+ UInt64(index))
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                      "October", "November", "December"]
        let actors = ["Moscow", "Beijing", "Washington", "the Soviet Union", "China", "Russia", "Japan", "India",
                      "Vladimir Putin", "Xi Jinping", "Mikhail Gorbachev", "Deng Xiaoping", "the United Nations",
                      "NATO", "Gazprom", "CNPC", "Mongolia", "Kazakhstan", "Vietnam", "Kissinger"]
        let places = ["Harbin", "Vladivostok", "the Ussuri River", "Shanghai", "Geneva", "Almaty", "Irkutsk",
                      "Ulaanbaatar", "Hanoi", "Tianjin", "Khabarovsk", "Urumqi", "Dalian", "Novosibirsk"]
        let statements: [(String, String, String, String) -> String] = [
            { "On \($0), \($1) and \($2) signed a treaty on border trade in \($3)." },
            { "\($1) sent troops toward \($3) in \($0), and fighting with \($2) followed." },
            { "A summit between \($1) and \($2) took place in \($3) on \($0)." },
            { "In \($0) \($1) opened a pipeline to \($3), a deal worth billions to \($2)." },
            { "The election of \($0) brought a new government in \($3), which \($1) welcomed and \($2) criticised." },
            { "\($1) visited \($3) on \($0) to meet officials from \($2)." },
            { "A battle near \($3) on \($0) left dozens dead on the side of \($1) and \($2)." },
            { "On \($0) \($1) announced sanctions against \($2) over the crisis in \($3)." },
            { "The agreement of \($0) between \($1) and \($2) led to joint exercises near \($3)." },
            { "Following talks in \($3), \($1) recognised \($2) on \($0)." },
        ]
        var paragraphs: [String] = []
        var sentences: [String] = []
        for k in 0..<statementsPerDocument {
            let year = 1945 + Int(rng.next() % 78)
            let month = months[Int(rng.next() % 12)]
            let day = 1 + Int(rng.next() % 28)
            let date: String
            switch rng.next() % 3 {
            case 0: date = "\(month) \(day), \(year)"
            case 1: date = "\(month) \(year)"
            default: date = "\(day) \(month) \(year)"
            }
            let a = actors[Int(rng.next() % UInt64(actors.count))]
            var b = actors[Int(rng.next() % UInt64(actors.count))]
            if b == a { b = actors[(actors.firstIndex(of: a)! + 1) % actors.count] }
            let place = places[Int(rng.next() % UInt64(places.count))]
            var s = statements[Int(rng.next() % UInt64(statements.count))](date, a, b, place)
            s = s.prefix(1).uppercased() + s.dropFirst()
            sentences.append(s)
            if k % 4 == 3 || k == statementsPerDocument - 1 {
                sentences.append("Observers in \(places[Int(rng.next() % UInt64(places.count))]) said little changed at first.")
                paragraphs.append(sentences.joined(separator: " "))
                sentences = []
            }
        }
        return "Report \(index): relations between \(actors[index % actors.count]) and its neighbours\n\n"
            + paragraphs.joined(separator: "\n\n") + "\n"
    }
}

/// SplitMix64: a small deterministic generator.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
