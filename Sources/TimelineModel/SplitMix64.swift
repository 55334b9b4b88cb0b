/// SplitMix64 (Steele, Lea and Flood, 2014): a small, fast, deterministic generator, so that generated corpora,
/// benchmarks and property tests draw the same values on every run and a failure can be replayed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The state; each ``next()`` advances it by the golden-ratio increment.
    public var state: UInt64

    /// Starts from `state` itself.
    public init(state: UInt64) {
        self.state = state
    }

    /// Starts one increment past `seed`, so that seed 0 does not start from state 0.
    public init(seed: UInt64) {
        state = seed &+ 0x9E37_79B9_7F4A_7C15
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0 ..< n` (0 when `n` is less than 1), by the remainder of ``next()``.
    public mutating func below(_ n: Int) -> Int {
        Int(next() % UInt64(max(n, 1)))
    }
}
