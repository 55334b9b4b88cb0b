import ArgumentParser
import Foundation
import TimelineModel

/// Messages for the user: progress and notices on standard error, results on standard output.
enum Console {
    static func info(_ message: String, quiet: Bool) {
        guard !quiet else { return }
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    static func warn(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// Runs `body`, turning a ``TimelineError`` into one line on standard error and exit status 1.
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as TimelineError {
            warn("error: \(error.description)")
            throw ExitCode(1)
        }
    }

    static func seconds(since start: Date) -> String {
        String(format: "%.2f s", Date().timeIntervalSince(start))
    }
}
