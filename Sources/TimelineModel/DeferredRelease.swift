import Foundation

/// Frees large values on a background thread, so that the caller does not wait for it.
///
/// Freeing an event graph of thousands of events (each with its strings and arrays) takes tens of
/// milliseconds. A build hands its graph and outputs here when it is done: a one-shot `timeline build`
/// returns (and exits) at once, and `timeline watch` frees them while it waits for the next change.
public enum DeferredRelease {
    private final class Holder<Value>: @unchecked Sendable {
        var value: Value?
        init(_ value: Value) { self.value = value }
    }

    /// Takes the last reference to `value` and drops it on a utility-priority thread.
    public static func release<Value>(_ value: consuming Value) {
        let holder = Holder(value)
        DispatchQueue.global(qos: .utility).async { holder.value = nil }
    }
}
