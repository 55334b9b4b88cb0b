import Foundation

/// Runs a few independent jobs side by side on a bounded number of threads, for the stages of a build that
/// do not depend on each other (encoding events.json, drawing the SVG, writing the Markdown).
public enum ConcurrentJobs {
    /// Runs `jobs` on up to `threads` threads, each job once, taking them in order; returns when all are done.
    /// With `threads` ≤ 1 or a single job they run one after another on the calling thread.
    /// - Throws: The error of the first job (in the order of `jobs`) that threw, whatever the timing, so a
    ///   failure reads the same on every run.
    public static func run(_ jobs: [@Sendable () throws -> Void], threads: Int) throws {
        let width = min(max(threads, 1), jobs.count)
        guard width > 1 else {
            for job in jobs { try job() }
            return
        }
        let errors = Slots<any Error>(count: jobs.count)
        let next = Slots<Int>(count: 1)
        next[0] = 0
        DispatchQueue.concurrentPerform(iterations: width) { _ in
            while let k = next.take(below: jobs.count) {
                do { try jobs[k]() } catch { errors[k] = error }
            }
        }
        for k in jobs.indices { if let error = errors[k] { throw error } }
    }

    /// A fixed number of optional values that jobs on several threads fill in, each behind one lock.
    public final class Slots<Value>: @unchecked Sendable {
        private var values: [Value?]
        private let lock = NSLock()

        /// `count` empty slots.
        public init(count: Int) { values = Array(repeating: nil, count: count) }

        /// The value in slot `index`, or nil while it is empty.
        public subscript(index: Int) -> Value? {
            get { lock.lock(); defer { lock.unlock() }; return values[index] }
            set { lock.lock(); values[index] = newValue; lock.unlock() }
        }

        /// Hands out counter values 0, 1, 2, … (slot 0 holds the counter) until `limit`, then nil.
        func take(below limit: Int) -> Int? where Value == Int {
            lock.lock(); defer { lock.unlock() }
            let k = values[0] ?? 0
            guard k < limit else { return nil }
            values[0] = k + 1
            return k
        }
    }
}
