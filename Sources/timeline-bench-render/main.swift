// Benchmark of the large-timeline path: positions computed in Swift and drawn by libgvc's `nop2` engine,
// against the `dot` program laying out the DOT that the Graphviz path would produce for the same graph.
//
//   swift build -c release --product timeline-bench-render && .build/release/timeline-bench-render
//
// Needs the `dot` program (Debian `graphviz`) for the comparison only; the product never runs it.

import Foundation
import TimelineModel
import TimelineRender

/// A deterministic synthetic event graph of `count` events over 1950–2024 (with a gap in the 1970s), mixed
/// precisions, eight types, English and Chinese titles, and about one relation per ten events.
func syntheticGraph(count: Int) -> EventGraph {
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ n: Int) -> Int {
        seed = seed &* 6364136223846793005 &+ 1442695040888963407
        return Int((seed >> 33) % UInt64(n))
    }
    let types = ["war", "diplomacy", "economy", "sanctions", "politics", "conflict", "science", "culture"]
    let words = ["treaty", "summit", "border", "pipeline", "trade", "talks", "visit", "accord", "crisis", "exercise",
                 "loan", "embargo", "envoy", "clash", "railway", "tariff"]
    let chinese = ["边境谈判", "能源合作", "联合军演", "贸易协定", "高层会晤"]
    var events: [Event] = []
    for i in 0..<count {
        var year = 1950 + next(75)
        if (1972...1979).contains(year) { year += 8 }
        let value: String
        switch next(4) {
        case 0: value = String(year)
        case 1: value = String(format: "%04d-%02d", year, 1 + next(12))
        default: value = String(format: "%04d-%02d-%02d", year, 1 + next(12), 1 + next(28))
        }
        let title = next(5) == 0 ? chinese[next(chinese.count)] + "第\(i)次"
            : (0..<(3 + next(6))).map { _ in words[next(words.count)] }.joined(separator: " ").capitalized + " \(i)"
        let doc = "articles/doc-\(next(40)).md"
        events.append(Event(id: "e\(i)", date: EventDate(edtf: value)!, title: title, type: types[next(types.count)],
                            actors: ["Actor \(next(20))"],
                            mentions: [Mention(document: doc, span: [0, 10], quote: "Quote for event \(i): \(title).",
                                               dateText: value)]))
    }
    var relations: [Relation] = []
    for _ in 0..<(count / 10) {
        let a = next(count), b = next(count)
        guard a != b else { continue }
        relations.append(Relation(from: "e\(a)", to: "e\(b)", type: RelationType.allCases[next(4)],
                                  evidence: Evidence(document: "articles/doc-1.md", span: [0, 1], quote: "led to")))
    }
    var graph = EventGraph(events: events, relations: relations)
    graph.canonicalize()
    return graph
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = Date()
    try body()
    return Date().timeIntervalSince(start)
}

/// Runs `dot -Tsvg` on `dotText` and returns its wall time, or nil when the program is missing.
func timeDotProgram(_ dotText: String) throws -> Double? {
    let candidates = ["/usr/bin/dot", "/usr/local/bin/dot"]
    guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
    let input = FileManager.default.temporaryDirectory.appendingPathComponent("timeline-bench-\(getpid()).dot")
    try Data(dotText.utf8).write(to: input)
    defer { try? FileManager.default.removeItem(at: input) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = ["-Tsvg", "-o", "/dev/null", input.path]
    return try seconds {
        try process.run()
        process.waitUntilExit()
    }
}

let arguments = CommandLine.arguments.dropFirst().compactMap(Int.init)
let sizes = arguments.isEmpty ? [2_000, 5_000] : arguments
var failed = false
for size in sizes {
    let graph = syntheticGraph(count: size)
    let positioned = TimelineRenderer(options: RenderOptions(layout: .positioned))
    var svg = Data()
    let ours = try seconds { svg = try positioned.svg(graph) }
    let line = String(format: "%5d events: in-process positioned layout (nop2) → SVG %.3f s (%d bytes)", size, ours, svg.count)
    if size <= 2_000 {
        let dotText = TimelineRenderer(options: RenderOptions(layout: .graphviz)).dot(graph).text
        if let theirs = try timeDotProgram(dotText) {
            let ratio = ours / theirs
            print(line + String(format: "; dot -Tsvg on the dot-path DOT %.3f s; ratio %.3f (must be ≤ 0.5)", theirs, ratio))
            if ratio > 0.5 { failed = true }
        } else {
            print(line + "; dot program not installed (apt-get install graphviz) for the comparison")
        }
    } else {
        print(line)
    }
}
exit(failed ? 1 : 0)
