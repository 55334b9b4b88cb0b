import Foundation

/// Loads cached extractions on a thread of its own while a build reads and extracts the documents that
/// changed: after one document changed, loading the extractor and extracting it keep one core busy, and
/// the other loads the thousands of unchanged documents' extractions meanwhile.
///
/// ``finish()`` joins the work: the caller takes the items not yet started, then waits for the thread's
/// last one. ``cancel()`` stops it after the item at hand (a build that turns out to have nothing to do).
final class ExtractionPrefetch: @unchecked Sendable {
    private let count: Int
    private let load: (Int) -> Void
    private let lock = NSLock()
    private var next = 0
    private var cancelled = false
    private let done = DispatchSemaphore(value: 0)

    /// Starts loading items `0..<count` with `load` (which keeps what it loads where the build looks first).
    init(count: Int, load: @escaping (Int) -> Void) {
        self.count = count
        self.load = load
        let thread = Thread { [self] in
            work()
            done.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Takes the next item, or nil when none is left (or the prefetch is cancelled).
    private func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard !cancelled, next < count else { return nil }
        next += 1
        return next - 1
    }

    private func work() {
        while let i = take() { load(i) }
    }

    /// Loads the items not yet started on the calling thread and `threads - 1` more, and returns once every
    /// item is loaded.
    func finish(threads: Int) {
        DispatchQueue.concurrentPerform(iterations: max(1, threads - 1)) { _ in work() }
        done.wait()
        done.signal()   // a second finish() or cancel() returns at once
    }

    /// Stops after the items being loaded, and returns once the thread has stopped.
    func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
        done.wait()
        done.signal()
    }
}
