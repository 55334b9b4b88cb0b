import Foundation
import Testing
@testable import TimelineBuild

@Suite struct ExtractionPrefetchTests {
    /// Counts the loads of each item (from any thread).
    final class Loads: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [Int]
        init(_ n: Int) { counts = Array(repeating: 0, count: n) }
        func add(_ i: Int) { lock.lock(); counts[i] += 1; lock.unlock() }
        var all: [Int] { lock.lock(); defer { lock.unlock() }; return counts }
    }

    @Test(arguments: [0, 1, 7, 500])
    func finishLoadsEveryItemOnce(count: Int) {
        for threads in [1, 2, 4] {
            let loads = Loads(count)
            let prefetch = ExtractionPrefetch(count: count) { i in
                if i % 3 == 0 { usleep(100) }
                loads.add(i)
            }
            prefetch.finish(threads: threads)
            #expect(loads.all == Array(repeating: 1, count: count), "threads \(threads)")
            // Joining again, or cancelling after the end, changes nothing and returns.
            prefetch.finish(threads: threads)
            prefetch.cancel()
            #expect(loads.all == Array(repeating: 1, count: count))
        }
    }

    @Test func cancelStopsAfterTheItemAtHand() {
        let loads = Loads(10_000)
        let prefetch = ExtractionPrefetch(count: 10_000) { i in
            usleep(200)
            loads.add(i)
        }
        usleep(2_000)
        prefetch.cancel()
        let after = loads.all
        usleep(5_000)
        // Nothing is loaded once cancel() returned, nothing twice, and far from everything.
        #expect(loads.all == after)
        #expect(after.allSatisfy { $0 <= 1 })
        #expect(after.reduce(0, +) < 10_000)
    }
}

@Suite struct EventsFilePiecesTests {
    @Test func rangeIsDataFirstRange() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let hay = Data((0..<Int.random(in: 0...60, using: &rng)).map { _ in UInt8.random(in: 0...3, using: &rng) })
            let needle = (0..<Int.random(in: 1...4, using: &rng)).map { _ in UInt8.random(in: 0...3, using: &rng) }
            // Slices with a start index other than 0 too.
            let slice = hay.count > 3 ? hay[2...] : hay
            #expect(EventsFilePieces.range(of: needle, in: hay) == hay.firstRange(of: needle))
            #expect(EventsFilePieces.range(of: needle, in: slice) == slice.firstRange(of: needle))
        }
        let frame = Data("{\n  \"events\" : [\n\n  ],\n".utf8)
        #expect(EventsFilePieces.range(of: Array("\"events\" : [\n\n  ]".utf8), in: frame) == 4..<21)
    }
}
