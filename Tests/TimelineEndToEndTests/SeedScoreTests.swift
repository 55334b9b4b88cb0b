import Foundation
import Testing

/// The gold annotation's scorer (../shared/tools/score_events.py) run on what the binary extracts from the seed
/// articles. Skipped when ../shared or python3 is absent.
struct SeedScoreTests {
    static let shared = BinaryRunner.repoRoot.deletingLastPathComponent().appendingPathComponent("shared")
    static var available: Bool {
        FileManager.default.fileExists(atPath: shared.appendingPathComponent("tools/score_events.py").path)
            && FileManager.default.fileExists(atPath: shared.appendingPathComponent("seeds").path)
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/env")
    }

    struct Score: Decodable {
        let recall: Double, precision: Double, date_accuracy: Double
        let split_events: Int, merged_events: Int, non_dates_taken: Int
        let relation_recall: Double, document_dates: Int, documents: Int, bad_mentions: Int
        let title_word_overlap: Double, empty_or_long_titles: Int
    }

    @Test(.enabled(if: available, "../shared is absent"))
    func seedsMeetTheScorerTargets() throws {
        let tmp = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let events = tmp.appendingPathComponent("events.json")
        let r = try BinaryRunner.run(["extract", "--corpus", Self.shared.appendingPathComponent("seeds").path,
                                      "--events", events.path, "-q"])
        #expect(r.status == 0, "\(r.stderr)")

        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", Self.shared.appendingPathComponent("tools/score_events.py").path,
                       Self.shared.appendingPathComponent("gold/seeds-gold.json").path, events.path,
                       Self.shared.appendingPathComponent("seeds").path, "--json"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let score = try JSONDecoder().decode(Score.self, from: data)
        #expect(score.recall >= 0.95)
        #expect(score.precision >= 0.90)
        #expect(score.date_accuracy >= 0.95)
        #expect(score.split_events == 0)
        #expect(score.merged_events == 0)
        #expect(score.non_dates_taken == 0)
        #expect(score.document_dates == score.documents)
        #expect(score.bad_mentions == 0)
        #expect(score.empty_or_long_titles == 0)
        #expect(score.relation_recall >= 0.75)
        #expect(score.title_word_overlap >= 0.5)
    }
}
