// Benchmark of the large-timeline path: positions computed in Swift and drawn by libgvc's `nop2` engine, in
// this process, against the `dot` program laying out the DOT that the normal (Graphviz `dot`) path produces
// for the same graph.
//
//   swift build -c release --product timeline-bench-render && .build/release/timeline-bench-render [N ...]
//
// Needs the `dot` program (Debian `graphviz`) for the comparison only; the product never runs it.
// TIMELINE_BENCH_DUMP=DIR writes both DOT texts and the positioned SVG of each size into DIR.

import Foundation
import TimelineModel
import TimelineRender

/// A deterministic event graph of `count` events shaped like a corpus's: dates from 1900 to 2024, denser in
/// recent decades, none in 1931–1937; 30% to the day, 35% to the month, 24% to the year, 5% to a decade, 6%
/// year or month ranges; nine event types in the proportions of a real extraction; titles of 25–70
/// characters (15% in Chinese); 1–3 actors, 0–2 places, 1–3 mentions with sentence-long quotes in 120
/// documents; one relation per seven events (causes, response to, part of, precedes), most between events
/// a few weeks to a few years apart, a fifth between any two events.
func realisticGraph(count: Int) -> EventGraph {
    var seed: UInt64 = 0x2545_F491_4F6C_DD1D
    func next(_ n: Int) -> Int {
        seed = seed &* 6364136223846793005 &+ 1442695040888963407
        return Int((seed >> 33) % UInt64(n))
    }
    func pick<T>(_ xs: [T]) -> T { xs[next(xs.count)] }
    func weighted(_ xs: [(String, Int)]) -> String {
        var r = next(xs.reduce(0) { $0 + $1.1 })
        for (x, w) in xs {
            if r < w { return x }
            r -= w
        }
        return xs[0].0
    }
    let types: [(String, Int)] = [("event", 16), ("agreement", 8), ("diplomacy", 8), ("economy", 8), ("war", 7),
                                  ("military-cooperation", 5), ("conflict", 3), ("sanctions", 3), ("politics", 2)]
    let actors = ["Soviet Union", "China", "United States", "Mao Zedong", "Nikita Khrushchev", "Leonid Brezhnev",
                  "Deng Xiaoping", "Mikhail Gorbachev", "Boris Yeltsin", "Jiang Zemin", "Vladimir Putin",
                  "Xi Jinping", "Hu Jintao", "Zhou Enlai", "Henry Kissinger", "Richard Nixon", "Japan", "India",
                  "Vietnam", "North Korea", "Mongolia", "Kazakhstan", "Gazprom", "CNPC", "Rosneft", "NATO",
                  "the United Nations", "the European Union", "Joseph Stalin", "Lin Biao"]
    let places = ["Moscow", "Beijing", "Zhenbao Island", "Vladivostok", "Harbin", "Shanghai", "Irkutsk",
                  "Khabarovsk", "Ussuri River", "Amur River", "Xinjiang", "Manchuria", "Astana", "Hanoi",
                  "Pyongyang", "Ulaanbaatar", "Geneva", "Washington", "Tokyo", "New Delhi"]
    let verbs = ["signs", "opens talks on", "suspends", "announces", "rejects", "ratifies", "expands",
                 "breaks off", "resumes", "hosts a summit on", "withdraws from", "agrees to", "protests",
                 "completes", "launches"]
    let objects = ["a border treaty", "the oil pipeline", "joint naval exercises", "a trade agreement",
                   "the friendship treaty", "economic aid", "the railway link", "nuclear cooperation",
                   "a gas supply contract", "troop reductions", "the disputed islands", "currency swaps",
                   "arms sales", "a consular agreement", "student exchanges", "the energy partnership"]
    let chineseTitles = ["中苏边境谈判在北京举行", "两国签署能源合作协议", "联合军演在日本海举行", "中俄贸易协定正式生效",
                         "高层会晤讨论边界问题", "珍宝岛发生武装冲突", "莫斯科峰会发表联合声明", "天然气管道全线贯通"]
    let fillers = ["officials said", "according to the agency", "after months of negotiation", "in a statement",
                   "despite objections from", "the newspaper reported", "for the first time since", "amid tension over",
                   "which analysts called significant", "while talks continued"]
    let documents = (0..<120).map { "articles/\(1950 + $0 % 75)/report-\($0).md" }

    var events: [Event] = []
    events.reserveCapacity(count)
    for i in 0..<count {
        // Denser towards the present: year = 1900 + 125·√u.
        var year = 1900 + Int((Double(next(1_000_000)) / 1_000_000).squareRoot() * 125)
        if (1931...1937).contains(year) { year += 7 }
        year = min(year, 2024)
        let value: String
        let r = next(100)
        switch r {
        case ..<30: value = String(format: "%04d-%02d-%02d", year, 1 + next(12), 1 + next(28))
        case ..<65: value = String(format: "%04d-%02d", year, 1 + next(12))
        case ..<89: value = String(year)
        case ..<94: value = String(year / 10) + "X"
        case ..<97: value = String(format: "%04d/%04d", year, min(2024, year + 1 + next(3)))
        default: value = String(format: "%04d-%02d/%04d-%02d", year, 1 + next(6), year, 7 + next(6))
        }
        let subject = pick(actors)
        let title: String
        if next(100) < 15 {
            title = pick(chineseTitles)
        } else {
            var t = "\(subject) \(pick(verbs)) \(pick(objects))"
            if next(2) == 0 { t += " in " + pick(places) }
            title = String(t.prefix(Event.maxTitleLength))
        }
        let eventActors = [subject] + (0..<next(3)).map { _ in pick(actors) }
        let eventPlaces = (0..<next(3)).map { _ in pick(places) }
        let mentions = (0..<(1 + next(3))).map { _ -> Mention in
            let quote = "In \(year), \(title), \(pick(fillers)); \(pick(actors)) \(pick(verbs)) \(pick(objects)) "
                + "\(pick(fillers)) \(pick(places))."
            return Mention(document: pick(documents), span: [next(5_000), 5_000 + next(200)], quote: quote,
                           dateText: String(year))
        }
        let id = "\(value.replacingOccurrences(of: "/", with: "-"))-\(subject.lowercased().replacingOccurrences(of: " ", with: "-"))-\(i)"
        events.append(Event(id: id, date: EventDate(edtf: value)!, title: title, type: weighted(types),
                            actors: eventActors, places: eventPlaces, mentions: mentions))
    }
    // Relations: mostly between events close in time (neighbours in date order), some between any two.
    let order = events.indices.sorted { events[$0].date.start < events[$1].date.start }
    var relations: [Relation] = []
    for _ in 0..<(count / 7) {
        let a = next(count)
        let b = next(5) == 0 ? next(count) : min(count - 1, a + 1 + next(40))
        guard a != b else { continue }
        let (from, to) = a < b ? (order[a], order[b]) : (order[b], order[a])
        let type = RelationType(rawValue: weighted([("causes", 35), ("precedes", 25), ("response-to", 25),
                                                    ("part-of", 15)]))!
        relations.append(Relation(from: events[from].id, to: events[to].id, type: type,
                                  evidence: Evidence(document: pick(documents), span: [0, 120],
                                                     quote: "\(events[from].title), which led to \(events[to].title).")))
    }
    var graph = EventGraph(events: events, relations: relations)
    graph.canonicalize()
    return graph
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// CPU seconds (user + system) of this thread while `body` runs: less disturbed by other processes than wall
/// time on a shared machine. The in-process rendering runs entirely on the calling thread.
func threadCPUSeconds(_ body: () throws -> Void) rethrows -> Double {
    func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
    let start = now()
    try body()
    return now() - start
}

/// CPU seconds (user + system) of the child processes reaped so far.
func childrenCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// The `dot` program, or nil when it is not installed.
let dotProgram = ["/usr/bin/dot", "/usr/local/bin/dot"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// Runs `dot -Tsvg -o /dev/null FILE` and returns its wall time (process start to exit) and CPU time.
func timeDotProgram(_ input: URL) throws -> (wall: Double, cpu: Double) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: dotProgram!)
    process.arguments = ["-Tsvg", "-o", "/dev/null", input.path]
    let cpuBefore = childrenCPUSeconds()
    let t = try seconds {
        try process.run()
        process.waitUntilExit()
    }
    guard process.terminationStatus == 0 else { throw TimelineError.graphviz(message: "dot exited with \(process.terminationStatus)") }
    // waitUntilExit may return before the child is reaped: wait until its CPU time is accounted.
    var cpu = childrenCPUSeconds() - cpuBefore
    for _ in 0..<100 where cpu == 0 {
        usleep(1_000)
        cpu = childrenCPUSeconds() - cpuBefore
    }
    return (t, cpu)
}

let arguments = CommandLine.arguments.dropFirst().compactMap(Int.init)
let sizes = arguments.isEmpty ? [2_000, 5_000] : arguments
let runs = 5
let dumpDir = ProcessInfo.processInfo.environment["TIMELINE_BENCH_DUMP"]
let positioned = TimelineRenderer(options: RenderOptions(layout: .positioned))
let dotPath = TimelineRenderer(options: RenderOptions(layout: .graphviz))
var failed = false

// TIMELINE_BENCH_PROFILE=encode|svg: one call of that stage per size and nothing else (for valgrind).
if let stage = ProcessInfo.processInfo.environment["TIMELINE_BENCH_PROFILE"] {
    for size in sizes {
        let graph = realisticGraph(count: size)
        let (text, engine) = positioned.dot(graph)
        if stage == "svg" { _ = try GraphvizRenderer.renderSVG(dot: text, engine: engine) }
    }
    exit(0)
}

print("Rendering benchmark: \(runs) runs per measurement, medians; \(ProcessInfo.processInfo.activeProcessorCount) cores")
for size in sizes {
    let graph = realisticGraph(count: size)
    print("\(size) events, \(graph.relations.count) relations, dates \(graph.events.first!.date.value) … \(graph.events.last!.date.value)")

    // The first call also creates the process's Graphviz context.
    var svg = Data()
    let cold = try seconds { svg = try positioned.svg(graph) }
    var encode: [Double] = [], graphviz: [Double] = [], total: [Double] = [], totalCPU: [Double] = []
    var dotText = ""
    for _ in 0..<runs {
        var text = ""
        var engine = GraphvizRenderer.Engine.nop2
        encode.append(threadCPUSeconds { (text, engine) = positioned.dot(graph) })
        graphviz.append(try threadCPUSeconds { svg = try GraphvizRenderer.renderSVG(dot: text, engine: engine) })
        var cpu = 0.0
        total.append(try seconds { cpu = try threadCPUSeconds { svg = try positioned.svg(graph) } })
        totalCPU.append(cpu)
        dotText = text
    }
    print(String(format: "  in-process positioned layout (nop2) → SVG: %.3f s wall, %.3f s CPU (Swift DOT %.3f s + libgvc %.3f s CPU); first call %.3f s wall; %d bytes of DOT, %d bytes of SVG",
                 median(total), median(totalCPU), median(encode), median(graphviz), cold, dotText.utf8.count, svg.count))
    if let dumpDir {
        try dotText.write(toFile: "\(dumpDir)/positioned-\(size).dot", atomically: true, encoding: .utf8)
        try svg.write(to: URL(fileURLWithPath: "\(dumpDir)/positioned-\(size).svg"))
    }

    guard size <= 2_000 else { continue }
    guard dotProgram != nil else {
        print("  dot program not installed (apt-get install graphviz) for the comparison")
        continue
    }
    // What `dot -Tsvg` is given: the DOT of the normal path (DOTEncoder, rankdir=LR, one rank per period) for
    // the same graph, written to a file; timed from process start to exit, output to /dev/null.
    let dotPathText = dotPath.dot(graph).text
    let input = URL(fileURLWithPath: dumpDir ?? NSTemporaryDirectory())
        .appendingPathComponent(dumpDir == nil ? "timeline-bench-\(getpid()).dot" : "dot-path-\(size).dot")
    try Data(dotPathText.utf8).write(to: input)
    defer { if dumpDir == nil { try? FileManager.default.removeItem(at: input) } }
    var theirs: [Double] = [], theirsCPU: [Double] = []
    var ours: [Double] = [], oursCPU: [Double] = []
    for _ in 0..<runs {  // interleaved, so that both see the same machine load
        let (wall, cpu) = try timeDotProgram(input)
        theirs.append(wall)
        theirsCPU.append(cpu)
        var ourCPU = 0.0
        ours.append(try seconds { ourCPU = try threadCPUSeconds { svg = try positioned.svg(graph) } })
        oursCPU.append(ourCPU)
    }
    let ratio = median(ours) / median(theirs)
    let cpuRatio = median(oursCPU) / median(theirsCPU)
    print(String(format: "  dot -Tsvg on the dot-path DOT (%d bytes): %.3f s wall, %.3f s CPU; positioned in the same rounds: %.3f s wall, %.3f s CPU",
                 dotPathText.utf8.count, median(theirs), median(theirsCPU), median(ours), median(oursCPU)))
    print(String(format: "  ratio positioned / dot -Tsvg: %.3f wall, %.3f CPU (must be ≤ 0.5)", ratio, cpuRatio)
          + (ratio <= 0.5 ? "" : "  FAILED"))
    if ratio > 0.5 { failed = true }
}
exit(failed ? 1 : 0)
