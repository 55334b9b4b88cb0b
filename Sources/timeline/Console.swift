import ArgumentParser
import Foundation
import TimelineBuild
import TimelineModel

/// The exit statuses of `timeline`.
enum ExitStatus {
    /// Success.
    static let ok: Int32 = 0
    /// An input or output problem stopped the command; nothing was written.
    static let failed: Int32 = 1
    /// Built, but some documents could not be read and were left out (each named in a warning).
    static let inputsSkipped: Int32 = 2
    /// `timeline check`: events.json or an output is stale.
    static let stale: Int32 = 3
    /// Invalid command-line usage.
    static let usage: Int32 = 64
}

/// Messages for the user: progress and notices on standard error, results on standard output.
enum Console {
    static func info(_ message: String, quiet: Bool) {
        guard !quiet else { return }
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    static func warn(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// Writes `text` on standard output.
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Runs `body`, turning a ``TimelineError`` into one line on standard error and exit status 1; a non-zero
    /// status returned by `body` becomes the exit status.
    static func runWithStatus(_ body: () throws -> Int32) throws {
        let status: Int32
        do {
            status = try body()
        } catch let error as TimelineError {
            ProgressBar.clearLine()
            warn("error: \(error.description)")
            throw ExitCode(ExitStatus.failed)
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// ``runWithStatus(_:)`` for commands that always succeed when they return.
    static func run(_ body: () throws -> Void) throws {
        try runWithStatus { try body(); return 0 }
    }

    static func seconds(since start: Date) -> String {
        String(format: "%.2f s", Date().timeIntervalSince(start))
    }

    /// Whether standard error is a terminal.
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// The one-line summary of a build.
    static func summaryLine(_ s: BuildSummary, events: String) -> String {
        if s.upToDate {
            return "up to date: \(s.documents) documents, \(s.events) events; nothing written "
                + String(format: "(%.2f s)", s.seconds)
        }
        var line = "\(s.documents) documents (\(s.reextracted) extracted, \(s.fromCache) from cache"
        if !s.skipped.isEmpty { line += ", \(s.skipped.count) skipped" }
        line += "), \(s.events) events, \(s.relations) relations, \(s.undated) undated → "
        line += s.written.isEmpty ? "no file changed" : s.written.joined(separator: ", ")
        return line + String(format: " in %.2f s", s.seconds)
    }

    /// Prints the JSON summary on standard output.
    static func printJSON<T: Encodable>(_ value: T) throws {
        FileHandle.standardOutput.write(try EventGraphCoder.encodeCanonical(value))
    }
}

/// A progress bar on standard error, shown only on a terminal and only once a run has lasted a moment.
final class ProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false
    private let lock = NSLock()

    /// A bar that draws when standard error is a terminal and `quiet` is false.
    init(quiet: Bool) {
        enabled = !quiet && Console.stderrIsTerminal
    }

    func update(_ p: BuildProgress) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        let elapsed = now.timeIntervalSince(start)
        guard elapsed > 0.4, now.timeIntervalSince(lastDraw) > 0.1 || p.done == p.total else { return }
        lastDraw = now
        drawn = true
        let width = 30
        let fraction = p.total == 0 ? 1 : Double(p.done) / Double(p.total)
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let rate = Double(p.extracted) / max(elapsed, 0.001)
        let line = "\r\u{1B}[K\(p.stage) [\(bar)] \(p.done)/\(p.total) documents, \(p.extracted) extracted"
            + String(format: " (%.0f/s)", rate)
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Removes the bar.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { Self.clearLine() }
        drawn = false
    }

    static func clearLine() {
        guard Console.stderrIsTerminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
