import Foundation
import TimelineModel

/// Writes a deterministic synthetic corpus of news-like English documents, for benchmarks and tests of
/// regeneration and scale on large corpora.
///
/// It models a folder of articles about one region's affairs: a shared pool of events (treaties, visits,
/// battles, elections, trade deals among a fixed cast of actors and places) that many articles retell, each
/// in its own date format, beside events only one article reports, and undated commentary between them. So
/// the extractor finds events, merges the retold ones across documents, and reads prose that holds no date,
/// as it would on a real corpus. Popular events are retold far more often than others (a Zipf-like draw).
public struct CorpusGenerator: Sendable {
    /// The number of documents to write.
    public var documents: Int
    /// The seed of the pseudo-random choices: the same seed writes the same bytes.
    public var seed: UInt64
    /// Dated statements per document.
    public var statementsPerDocument: Int
    /// The share of dated statements that retell an event of the shared pool (0...1); the others are events
    /// of their document alone.
    public var retoldShare: Double
    /// Undated sentences of commentary after each dated statement.
    public var commentaryPerStatement: Int

    /// A generator of `documents` documents.
    public init(documents: Int, seed: UInt64 = 1, statementsPerDocument: Int = 12, retoldShare: Double = 0.5,
                commentaryPerStatement: Int = 1) {
        self.documents = documents
        self.seed = seed
        self.statementsPerDocument = statementsPerDocument
        self.retoldShare = retoldShare
        self.commentaryPerStatement = commentaryPerStatement
    }

    /// The number of events in the shared pool: one per two documents, at least 20.
    public var poolSize: Int { max(20, documents / 2) }

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

    private static let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                                 "September", "October", "November", "December"]
    private static let actors = ["Moscow", "Beijing", "Washington", "the Soviet Union", "China", "Russia", "Japan",
                                 "India", "Vladimir Putin", "Xi Jinping", "Mikhail Gorbachev", "Deng Xiaoping",
                                 "the United Nations", "NATO", "Gazprom", "CNPC", "Mongolia", "Kazakhstan", "Vietnam",
                                 "Kissinger"]
    private static let places = ["Harbin", "Vladivostok", "the Ussuri River", "Shanghai", "Geneva", "Almaty", "Irkutsk",
                                 "Ulaanbaatar", "Hanoi", "Tianjin", "Khabarovsk", "Urumqi", "Dalian", "Novosibirsk"]
    /// Dated statements: {d} the date, {a} and {b} actors, {p} a place.
    private static let statements: [String] = [
        "On {d}, {a} and {b} signed a treaty on border trade in {p}.",
        "{a} sent troops toward {p} in {d}, and fighting with {b} followed.",
        "A summit between {a} and {b} took place in {p} on {d}.",
        "In {d} {a} opened a pipeline to {p}, a deal worth billions to {b}.",
        "The election of {d} brought a new government in {p}, which {a} welcomed and {b} criticised.",
        "{a} visited {p} on {d} to meet officials from {b}.",
        "A battle near {p} on {d} left dozens dead on the side of {a} and {b}.",
        "On {d} {a} announced sanctions against {b} over the crisis in {p}.",
        "The agreement of {d} between {a} and {b} led to joint exercises near {p}.",
        "Following talks in {p}, {a} recognised {b} on {d}.",
    ]
    /// Undated commentary: {a} an actor, {p} a place.
    private static let commentary: [String] = [
        "Observers in {p} said little changed at first.",
        "Analysts who follow {a} closely were divided over what it meant for the region.",
        "Officials in {p} declined to comment on the details, citing the sensitivity of the talks.",
        "Critics argued that {a} had moved too quickly and without consulting its partners.",
        "Trade through {p} continued much as before, according to local merchants.",
        "Some historians see the episode as a turning point; others call it a footnote.",
        "Newspapers in {p} gave the story only a few lines on an inside page.",
        "The reaction from {a} was muted, and diplomats spoke of a pragmatic relationship.",
    ]

    /// `template` with each placeholder replaced.
    private static func fill(_ template: String, _ values: [String: String]) -> String {
        var out = template
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            out = out.replacingOccurrences(of: key, with: value)
        }
        return out
    }

    /// One event: when, what, who and where.
    private struct Fact {
        var year: Int, month: Int, day: Int
        var template: Int, a: Int, b: Int, place: Int
    }

    private static func fact(_ rng: inout SplitMix64) -> Fact {
        let year = 1945 + Int(rng.next() % 78), month = Int(rng.next() % 12), day = 1 + Int(rng.next() % 28)
        let a = Int(rng.next() % UInt64(actors.count))
        var b = Int(rng.next() % UInt64(actors.count))
        if b == a { b = (a + 1) % actors.count }
        return Fact(year: year, month: month, day: day, template: Int(rng.next() % UInt64(statements.count)),
                    a: a, b: b, place: Int(rng.next() % UInt64(places.count)))
    }

    /// The shared pool's event `k`: the same for every document.
    private func poolFact(_ k: Int) -> Fact {
        var rng = SplitMix64(seed: seed &* 7_919 &+ 0xC0FFEE &+ UInt64(k))
        return Self.fact(&rng)
    }

    /// The text of document `index`.
    public func document(_ index: Int) -> String {
        var rng = SplitMix64(seed: seed &* 1_000_003 &+ UInt64(index))
        var paragraphs: [String] = []
        var sentences: [String] = []
        for k in 0..<statementsPerDocument {
            let retold = Double(rng.next() % 10_000) / 10_000 < retoldShare
            // A Zipf-like pick: the square of a uniform draw favours the first events of the pool.
            let u = Double(rng.next() % 1_000_000) / 1_000_000
            let f = retold ? poolFact(Int(u * u * Double(poolSize))) : Self.fact(&rng)
            let month = Self.months[f.month]
            let date: String
            switch rng.next() % 3 {
            case 0: date = "\(month) \(f.day), \(f.year)"
            case 1: date = "\(f.day) \(month) \(f.year)"
            default: date = retold ? "\(month) \(f.day), \(f.year)" : "\(month) \(f.year)"
            }
            var s = Self.fill(Self.statements[f.template], ["{d}": date, "{a}": Self.actors[f.a], "{b}": Self.actors[f.b],
                                                            "{p}": Self.places[f.place]])
            s = s.prefix(1).uppercased() + s.dropFirst()
            sentences.append(s)
            for _ in 0..<commentaryPerStatement {
                let c = Self.commentary[Int(rng.next() % UInt64(Self.commentary.count))]
                sentences.append(Self.fill(c, ["{a}": Self.actors[Int(rng.next() % UInt64(Self.actors.count))],
                                               "{p}": Self.places[Int(rng.next() % UInt64(Self.places.count))]]))
            }
            if k % 4 == 3 || k == statementsPerDocument - 1 {
                paragraphs.append(sentences.joined(separator: " "))
                sentences = []
            }
        }
        return "Report \(index): relations between \(Self.actors[index % Self.actors.count]) and its neighbours\n\n"
            + paragraphs.joined(separator: "\n\n") + "\n"
    }
}

