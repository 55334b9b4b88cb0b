import ArgumentParser
import Foundation
import TimelineBuild
import TimelineModel

/// `timeline bench-regen` (hidden): measures regeneration with the binary itself, as a user runs it.
///
/// Generates a corpus of `--documents` documents (``CorpusGenerator``), then times in child processes rounds
/// of a cold `build` (empty cache), a no-op build and a build after changing one document; then the latency of
/// `timeline watch` on the bundled corpus, from a saved edit to the end of its rebuild. Prints the figures.
/// With `--generate DIR` it only writes the corpus (the kill-during-build test uses that).
struct BenchRegenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-regen",
        abstract: "Measure cold, no-op and one-document builds, and watch latency (release build).",
        shouldDisplay: false)

    @Option(help: "Documents in the generated corpus.")
    var documents: Int = 2000

    @Option(help: "Rounds of a cold, a no-op and a one-change build (each round's ratios are printed, and their medians).")
    var rounds: Int = 3

    @Option(help: ArgumentHelp("The bundled corpus for the watch latency figure.", valueName: "dir"))
    var bundled: String = "corpus"

    @Option(help: ArgumentHelp("Only write the generated corpus into this folder.", valueName: "dir"))
    var generate: String?

    @Flag(help: "Keep the work folder.")
    var keep = false

    func run() throws {
        try Console.run {
            if let generate {
                try CorpusGenerator(documents: documents).write(into: URL(fileURLWithPath: generate))
                return
            }
            try bench()
        }
    }

    private func bench() throws {
        let fm = FileManager.default
        let work = fm.temporaryDirectory.appendingPathComponent("timeline-bench-regen-\(getpid())")
        try? fm.removeItem(at: work)
        defer { if !keep { try? fm.removeItem(at: work) } }
        let corpus = work.appendingPathComponent("corpus")
        let generator = CorpusGenerator(documents: documents)
        let paths = try generator.write(into: corpus)
        let args = ["build", "--corpus", corpus.path, "--events", work.appendingPathComponent("events.json").path,
                    "--output", work.appendingPathComponent("output").path, "--json", "-q"]
        print("timeline bench-regen: \(documents) generated documents, \(ProcessInfo.processInfo.activeProcessorCount) cores")

        // Rounds of a cold build (cache and outputs removed first), a no-op build and a build after one document
        // changed, the three within seconds of each other: the host's speed moves by up to 2× over minutes, and
        // a ratio of runs made minutes apart measures the host as much as the build. The speed-ups are the
        // medians of the rounds' own ratios.
        var colds: [Run] = [], noops: [Run] = [], changes: [Run] = []
        for k in 0..<max(1, rounds) {
            for name in [".timeline-cache", "events.json", "output"] { try? fm.removeItem(at: work.appendingPathComponent(name)) }
            colds.append(try Self.time(args))
            noops.append(try Self.time(args))
            let doc = corpus.appendingPathComponent(paths[(k * 7919) % paths.count])
            let handle = try FileHandle(forWritingTo: doc)
            handle.seekToEndOfFile()
            handle.write(Data("\nOn March \(k + 3), 1999 a new agreement on river shipping was signed in Harbin.\n".utf8))
            try handle.close()
            changes.append(try Self.time(args))
            print(String(format: "round %d: cold %.3f s (CPU %.3f s), no-op %.3f s, one change %.3f s (CPU %.3f s): %.0f×, %.1f× (CPU %.1f×)",
                         k + 1, colds[k].seconds, colds[k].cpu, noops[k].seconds, changes[k].seconds, changes[k].cpu,
                         colds[k].seconds / noops[k].seconds, colds[k].seconds / changes[k].seconds,
                         colds[k].cpu / max(changes[k].cpu, 1e-6)))
        }
        print(Self.row("cold build (empty cache)", Self.median(colds)))
        print(Self.row("no-op build", Self.median(noops)))
        print(Self.row("one document changed", Self.median(changes)))
        func ratio(_ a: [Run], _ b: [Run], _ value: (Run) -> Double) -> Double {
            Self.median(zip(a, b).map { value($0) / max(value($1), 1e-6) })
        }
        print(String(format: "no-op speed-up %.0f×, one-change speed-up %.1f× (medians of the rounds' ratios)",
                     ratio(colds, noops, \.seconds), ratio(colds, changes, \.seconds)))
        // CPU time (user + system, children's own) moves less than wall time on a shared host.
        print(String(format: "in CPU time: no-op %.0f×, one-change %.1f×",
                     ratio(colds, noops, \.cpu), ratio(colds, changes, \.cpu)))

        if fm.fileExists(atPath: bundled) {
            let latency = try watchLatency(bundled: URL(fileURLWithPath: bundled), work: work.appendingPathComponent("watch"))
            print(String(format: "watch: edit to rebuilt outputs on the bundled corpus: median %.0f ms, max %.0f ms (%d edits)",
                         latency.median * 1000, latency.max * 1000, latency.count))
        }
    }

    struct Run {
        var seconds: Double
        /// User and system CPU seconds of the process.
        var cpu: Double = 0
        var summary: BuildSummary?
    }

    static func row(_ name: String, _ r: Run) -> String {
        let s = r.summary
        return name.padding(toLength: 28, withPad: " ", startingAt: 0) + String(format: "%8.3f s (CPU %.3f s)", r.seconds, r.cpu)
            + "   extracted \(s?.reextracted ?? -1), from cache \(s?.fromCache ?? -1), events \(s?.events ?? -1)"
            + ((s?.upToDate ?? false) ? ", nothing written" : "")
            + "\n    stages: " + (s?.stages ?? [:]).sorted { $0.key < $1.key }
                .map { $0.key + String(format: " %.2f s", $0.value) }.joined(separator: ", ")
    }

    static func median(_ runs: [Run]) -> Run {
        runs.sorted { $0.seconds < $1.seconds }[runs.count / 2]
    }

    static func median(_ values: [Double]) -> Double {
        values.sorted()[values.count / 2]
    }

    /// Runs `timeline` with `args` and times it, from just before `posix_spawn` to `wait4` returning (which also gives its CPU time).
    /// (Foundation's `Process.waitUntilExit` polls, adding up to 50 ms to each run: a no-op build takes less.)
    static func time(_ args: [String]) throws -> Run {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw TimelineError.invalidArgument("bench-regen: pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        let path = ExecutablePath.url.path
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        close(fds[1])
        guard spawned == 0 else {
            close(fds[0])
            throw TimelineError.invalidArgument("bench-regen: cannot run \(path): \(String(cString: strerror(spawned)))")
        }
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = read(fds[0], &chunk, chunk.count)
            if n > 0 { data.append(contentsOf: chunk[0..<n]) } else if n == 0 || errno != EINTR { break }
        }
        close(fds[0])
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        guard status & 0x7F == 0, (status >> 8) & 0xFF == 0 else {
            throw TimelineError.invalidArgument("bench-regen: `timeline \(args.joined(separator: " "))` failed (status \(status))")
        }
        func secs(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return Run(seconds: seconds, cpu: secs(usage.ru_utime) + secs(usage.ru_stime),
                   summary: try? JSONDecoder().decode(BuildSummary.self, from: data))
    }

    /// Starts `timeline watch` on a copy of the bundled corpus, edits a document a few times, and measures the
    /// time from each save to the watcher's report of the finished rebuild.
    private func watchLatency(bundled: URL, work: URL) throws -> (median: Double, max: Double, count: Int) {
        let fm = FileManager.default
        try fm.createDirectory(at: work, withIntermediateDirectories: true)
        let corpus = work.appendingPathComponent("corpus")
        try fm.copyItem(at: bundled, to: corpus)
        let p = Process()
        p.executableURL = ExecutablePath.url
        p.arguments = ["watch", "--corpus", corpus.path, "--events", work.appendingPathComponent("events.json").path,
                       "--output", work.appendingPathComponent("output").path, "--json"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        final class Lines: @unchecked Sendable {
            var count = 0
            let cond = NSCondition()
        }
        let lines = Lines()
        let reader = out.fileHandleForReading
        Thread.detachNewThread {
            // One JSON summary per build; each ends with "}\n" at the start of a line.
            var buffer = Data()
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let r = buffer.range(of: Data("\n}\n".utf8)) {
                    buffer.removeSubrange(buffer.startIndex..<r.upperBound)
                    lines.cond.lock(); lines.count += 1; lines.cond.broadcast(); lines.cond.unlock()
                }
            }
        }
        try p.run()
        defer { p.interrupt(); p.waitUntilExit() }
        func waitFor(_ n: Int, timeout: Double) -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            lines.cond.lock(); defer { lines.cond.unlock() }
            while lines.count < n { if !lines.cond.wait(until: deadline) { return false } }
            return true
        }
        guard waitFor(1, timeout: 60) else { throw TimelineError.invalidArgument("bench-regen: the watcher did not build") }
        let docs = (fm.enumerator(atPath: corpus.path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".txt") }.sorted()
        var latencies: [Double] = []
        for k in 0..<max(5, rounds) {
            Thread.sleep(forTimeInterval: 0.35)   // edits at unrelated moments of the polling cycle
            let doc = corpus.appendingPathComponent(docs[k % docs.count])
            var text = try String(contentsOf: doc, encoding: .utf8)
            text += "\nIn May \(1990 + k) the two ministers met again in Harbin.\n"
            let start = Date()
            try Data(text.utf8).write(to: doc, options: .atomic)   // an editor's atomic save
            guard waitFor(2 + k, timeout: 10) else { throw TimelineError.invalidArgument("bench-regen: no rebuild after an edit") }
            latencies.append(Date().timeIntervalSince(start))
        }
        latencies.sort()
        return (latencies[latencies.count / 2], latencies.last!, latencies.count)
    }
}

/// The running executable.
enum ExecutablePath {
    static var url: URL {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: CommandLine.arguments[0])
    }
}
