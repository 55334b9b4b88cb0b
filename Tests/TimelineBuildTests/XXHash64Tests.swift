import Foundation
import Testing
@testable import TimelineBuild

/// The cache's checksum against the reference implementation's values (Python's `xxhash`, which wraps it),
/// on every path through the function: under 4, under 8, under 32 bytes, exactly 32 and several stripes.
@Suite struct XXHash64Tests {
    @Test("XXH64 gives the reference values", arguments: [
        ("", 0 as UInt64, "ef46db3751d8e999"),
        ("a", 0, "d24ec4f1a98c6e5b"),
        ("abc", 0, "44bc2cf5ad770999"),
        ("Nobody inspects the spammish repetition", 0, "fbcea83c8a378bf1"),
        ("0123456789abcdefghijklmnopqrstu", 0, "80adfc1d42020f39"),
        ("0123456789abcdefghijklmnopqrstuv", 0, "bf7c9dbe16b5c6e2"),
        ("", 2026, "f6cf42b7763825c2"),
        ("abc", 2026, "b64ecc80fba7034c"),
        ("0123456789abcdefghijklmnopqrstuv", 2026, "f0b77a8dd6e7b639"),
    ])
    func reference(text: String, seed: UInt64, expected: String) {
        let value = Array(text.utf8).withUnsafeBytes { XXHash64.hash($0, seed: seed) }
        #expect(String(value, radix: 16).leftPadded(16) == expected)
    }

    @Test("XXH64 of 768 bytes 0…255 three times, from a Data slice at an odd offset")
    func longAndUnaligned() {
        let bytes = Data([7] + (0..<768).map { UInt8($0 % 256) })
        #expect(XXHash64.hex(bytes[1...]) == "8e03c838c596036f")
        #expect(Array(bytes[1...]).withUnsafeBytes { XXHash64.hash($0, seed: 2026) } == 0x846e48e79bbcd715)
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
