/// Encodes a value as canonical JSON — keys sorted by their UTF-8 bytes, two-space indentation, `" : "`
/// between key and value, empty containers as `[\n\n  ]` — byte for byte what Foundation's `JSONEncoder`
/// writes with `[.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]`, which the tests check.
///
/// It exists because events.json is large (25 MB for 27,000 events) and rewritten by every build: Foundation
/// builds a tree of boxed values for the whole file first, which took a third of a second and a hundred
/// megabytes more. This encoder writes each value's bytes as soon as it is encoded; an object keeps only its
/// finished members until it sorts and joins them.
///
/// It handles strings, integers, booleans, nil and nested containers. A floating-point value throws
/// ``Unsupported`` (events.json has none; callers fall back to `JSONEncoder`).
struct CanonicalJSONEncoder {
    /// Thrown for a value this encoder does not write (floating point).
    struct Unsupported: Error {}

    /// The JSON bytes of `value`, without a trailing newline. Writing consumes the encoded tree, so one
    /// encoder value encodes one value at a time.
    func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        var out: [UInt8] = []
        try encode(value, depth: 0, into: &out)
        return out
    }

    /// Appends the JSON bytes of `value` written as a member at `depth` (its inner lines indented for it).
    func encode<T: Encodable>(_ value: T, depth: Int, into out: inout [UInt8]) throws {
        let encoder = JSONByteEncoder(depth: depth)
        try value.encode(to: encoder)
        encoder.storage.write(into: &out, depth: depth)
    }
}

/// A value being encoded: finished bytes, or a container still open to more members.
private enum Node {
    case bytes([UInt8])
    case object(ObjectNode)
    case array(ArrayNode)
    case empty

    func write(into out: inout [UInt8], depth: Int) {
        switch self {
        case let .bytes(b): out.append(contentsOf: b)
        case let .object(o): o.write(into: &out, depth: depth)
        case let .array(a): a.write(into: &out, depth: depth)
        case .empty: out.append(contentsOf: "{\n\n".utf8); indent(&out, depth); out.append(UInt8(ascii: "}"))
        }
    }
}

private func indent(_ out: inout [UInt8], _ depth: Int) {
    for _ in 0..<(2 * depth) { out.append(0x20) }
}

private final class ObjectNode {
    var members: [(key: String, value: Node)] = []

    func set(_ key: String, _ value: Node) {
        if let i = members.firstIndex(where: { $0.key == key }) { members[i].value = value } else { members.append((key, value)) }
    }

    func write(into out: inout [UInt8], depth: Int) {
        out.append(UInt8(ascii: "{"))
        out.append(0x0A)
        if members.isEmpty { out.append(0x0A) }
        let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        members = []  // each member is released once written, so the tree and the text are not both whole
        for (i, m) in sorted.enumerated() {
            indent(&out, depth + 1)
            appendString(m.key, to: &out)
            out.append(contentsOf: [0x20, UInt8(ascii: ":"), 0x20])
            m.value.write(into: &out, depth: depth + 1)
            if i < sorted.count - 1 { out.append(UInt8(ascii: ",")) }
            out.append(0x0A)
        }
        indent(&out, depth)
        out.append(UInt8(ascii: "}"))
    }
}

private final class ArrayNode {
    var elements: [Node] = []

    func write(into out: inout [UInt8], depth: Int) {
        out.append(UInt8(ascii: "["))
        out.append(0x0A)
        if elements.isEmpty { out.append(0x0A) }
        let count = elements.count
        for i in 0..<count {
            indent(&out, depth + 1)
            let e = elements[i]
            elements[i] = .empty  // released once written
            e.write(into: &out, depth: depth + 1)
            if i < count - 1 { out.append(UInt8(ascii: ",")) }
            out.append(0x0A)
        }
        indent(&out, depth)
        out.append(UInt8(ascii: "]"))
    }
}

/// `s` as a JSON string: `"` and `\` escaped, control characters as `\b \f \n \r \t` or `\u00xx`, all else
/// (including `/`, DEL and U+2028) as is.
private func appendString(_ s: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    for b in s.utf8 {
        switch b {
        case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
        case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
        case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
        case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
        case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        case 0x00..<0x20:
            let hex = Array("0123456789abcdef".utf8)
            out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
        default: out.append(b)
        }
    }
    out.append(UInt8(ascii: "\""))
}

private func stringBytes(_ s: String) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(s.utf8.count + 2)
    appendString(s, to: &out)
    return out
}

/// Writes the value of a child encoder: its finished bytes when it was a single value, the open container
/// otherwise (finished when the whole document is written).
private func encodeChild<T: Encodable>(_ value: T, depth: Int) throws -> Node {
    switch value {
    case let s as String: return .bytes(stringBytes(s))
    case let i as Int: return .bytes(Array(String(i).utf8))
    case let b as Bool: return .bytes(Array((b ? "true" : "false").utf8))
    case is Double, is Float: throw CanonicalJSONEncoder.Unsupported()
    default:
        let child = JSONByteEncoder(depth: depth)
        try value.encode(to: child)
        return child.storage
    }
}

private final class JSONByteEncoder: Encoder {
    let depth: Int
    var storage: Node = .empty
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(depth: Int) { self.depth = depth }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let node: ObjectNode
        if case let .object(existing) = storage { node = existing } else { node = ObjectNode(); storage = .object(node) }
        return KeyedEncodingContainer(KeyedContainer<Key>(node: node, depth: depth))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let node: ArrayNode
        if case let .array(existing) = storage { node = existing } else { node = ArrayNode(); storage = .array(node) }
        return UnkeyedContainer(node: node, depth: depth)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValue(encoder: self) }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: ObjectNode
    let depth: Int
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { node.set(key.stringValue, .bytes(Array("null".utf8))) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { node.set(key.stringValue, try encodeChild(value, depth: depth + 1)) }
    mutating func encode(_ value: String, forKey key: Key) throws { node.set(key.stringValue, .bytes(stringBytes(value))) }
    mutating func encode(_ value: Int, forKey key: Key) throws { node.set(key.stringValue, .bytes(Array(String(value).utf8))) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        node.set(key.stringValue, try encodeChild(value, depth: depth + 1))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = ObjectNode()
        node.set(key.stringValue, .object(child))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child, depth: depth + 1))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = ArrayNode()
        node.set(key.stringValue, .array(child))
        return UnkeyedContainer(node: child, depth: depth + 1)
    }

    mutating func superEncoder() -> any Encoder { SuperEncoder(depth: depth + 1) { [node] in node.set("super", $0) } }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        SuperEncoder(depth: depth + 1) { [node] in node.set(key.stringValue, $0) }
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let node: ArrayNode
    let depth: Int
    var codingPath: [any CodingKey] { [] }
    var count: Int { node.elements.count }

    mutating func encodeNil() throws { node.elements.append(.bytes(Array("null".utf8))) }
    mutating func encode(_ value: String) throws { node.elements.append(.bytes(stringBytes(value))) }
    mutating func encode(_ value: Int) throws { node.elements.append(.bytes(Array(String(value).utf8))) }
    mutating func encode<T: Encodable>(_ value: T) throws { node.elements.append(try encodeChild(value, depth: depth + 1)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = ObjectNode()
        node.elements.append(.object(child))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child, depth: depth + 1))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = ArrayNode()
        node.elements.append(.array(child))
        return UnkeyedContainer(node: child, depth: depth + 1)
    }

    mutating func superEncoder() -> any Encoder {
        let index = node.elements.count
        node.elements.append(.empty)
        return SuperEncoder(depth: depth + 1) { [node] in node.elements[index] = $0 }
    }
}

private struct SingleValue: SingleValueEncodingContainer {
    let encoder: JSONByteEncoder
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { encoder.storage = .bytes(Array("null".utf8)) }
    mutating func encode(_ value: String) throws { encoder.storage = .bytes(stringBytes(value)) }
    mutating func encode(_ value: Int) throws { encoder.storage = .bytes(Array(String(value).utf8)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.storage = try encodeChild(value, depth: encoder.depth)
    }
}

/// The encoder of `superEncoder()`: hands what is encoded into it to `done` (a container by reference, so
/// members added later still count).
private final class SuperEncoder: Encoder {
    let inner: JSONByteEncoder
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(depth: Int, done: @escaping (Node) -> Void) {
        inner = JSONByteEncoder(depth: depth)
        self.done = done
    }

    private let done: (Node) -> Void

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let c = inner.container(keyedBy: type)
        done(inner.storage)
        return c
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let c = inner.unkeyedContainer()
        done(inner.storage)
        return c
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueForwarder(encoder: inner, done: done)
    }
}

private struct SingleValueForwarder: SingleValueEncodingContainer {
    let encoder: JSONByteEncoder
    let done: (Node) -> Void
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { done(.bytes(Array("null".utf8))) }
    mutating func encode<T: Encodable>(_ value: T) throws { done(try encodeChild(value, depth: encoder.depth)) }
}
