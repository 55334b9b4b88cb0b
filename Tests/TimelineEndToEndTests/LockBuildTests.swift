import Foundation
import Testing

/// End-to-end: two builds in one folder never interleave; the second says whom it waits for.
@Suite(.serialized) struct LockBuildTests {
    @Test func secondBuildWaitsForTheHolder() throws {
        let tmp = try CheckCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: tmp) }
        // Hold the lock from here, as a running build would.
        let lockPath = tmp.appendingPathComponent(".timeline.lock").path
        let fd = open(lockPath, O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0)
        #expect(flock(fd, LOCK_EX) == 0)
        let pid = "\(getpid())\n"
        _ = pid.withCString { write(fd, $0, strlen($0)) }

        final class Box: @unchecked Sendable { var result: BinaryRunner.Result? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let dir = tmp
        Thread.detachNewThread {
            box.result = try? BinaryRunner.run(["build"], in: dir)
            done.signal()
        }
        #expect(done.wait(timeout: .now() + 1.5) == .timedOut, "the build must wait for the lock")
        #expect(!FileManager.default.fileExists(atPath: tmp.appendingPathComponent("events.json").path))
        flock(fd, LOCK_UN)
        close(fd)
        #expect(done.wait(timeout: .now() + 60) == .success)
        let r = try #require(box.result)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("waiting for another build (pid \(getpid()))"), "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: tmp.appendingPathComponent("events.json").path))
    }

    @Test func concurrentBuildsLeaveWholeOutputs() throws {
        let tmp = try CheckCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let group = DispatchGroup()
        final class Box: @unchecked Sendable { var statuses: [Int32] = []; let lock = NSLock() }
        let box = Box()
        let dir = tmp
        for _ in 0..<3 {
            group.enter()
            Thread.detachNewThread {
                let s = (try? BinaryRunner.run(["build", "-q"], in: dir).status) ?? -1
                box.lock.lock(); box.statuses.append(s); box.lock.unlock()
                group.leave()
            }
        }
        #expect(group.wait(timeout: .now() + 120) == .success)
        #expect(box.statuses == [0, 0, 0])
        #expect(try BinaryRunner.run(["check"], in: tmp).status == 0)
    }
}
