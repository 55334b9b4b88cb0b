import Foundation
import Testing
import TimelineModel
@testable import TimelineBuild

@Suite struct BuildLockTests {
    @Test func secondHolderIsRefusedWithThePID() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("timeline-lock-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent(".timeline.lock")
        let first = try BuildLock.acquire(url)
        #expect(try String(contentsOf: url, encoding: .utf8) == "\(getpid())\n")
        // flock locks belong to open file descriptions: a second open in this process conflicts too.
        #expect(throws: TimelineError.self) { _ = try BuildLock.acquire(url, wait: false) }
        do {
            _ = try BuildLock.acquire(url, wait: false)
        } catch let e as TimelineError {
            #expect(e.description.contains("pid \(getpid())"))
        }
        first.release()
        let second = try BuildLock.acquire(url, wait: false)
        second.release()
    }
}
