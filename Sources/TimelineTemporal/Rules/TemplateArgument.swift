/// One argument of a template function call (`{ref:unit:-num}` has `unit` and `-num`), taken apart once
/// when the rule is read rather than at every call (a class: a call reads it without copying its strings).
///
/// An argument is a capture name, a negated (`-n`) or signed (`+n`) capture, a capture with a default
/// (`num|1`), or a literal (a word or an integer); which one depends on what the match captured, so the
/// captures are still looked up at each call, in that order.
final class TemplateArgument: Sendable {
    /// As written.
    let raw: String
    /// `name|default`: the capture tried first.
    let preferred: String?
    /// The capture tried next, and the literal value when there is no such capture (the default after `|`).
    let name: String
    /// `name` without its sign when it starts with `-` or `+` (then `negated` says which).
    let unsigned: String?
    let negated: Bool
    /// `name` as an integer literal (a leading `+` allowed).
    let integer: Int?
    /// `raw` names a unit (``TemplateFunctions/units``): a unit argument is then literal.
    let isUnit: Bool
    /// For `seen`: the lower-cased words of a `w1/w2` list, as UTF-8.
    let words: [[UInt8]]

    init(_ raw: String) {
        self.raw = raw
        var name = raw
        if let bar = raw.firstIndex(of: "|") {
            preferred = String(raw[..<bar])
            name = String(raw[raw.index(after: bar)...])
        } else {
            preferred = nil
        }
        self.name = name
        if name.hasPrefix("-") || name.hasPrefix("+") {
            unsigned = String(name.dropFirst())
            negated = name.hasPrefix("-")
        } else {
            unsigned = nil
            negated = false
        }
        integer = Int(name.hasPrefix("+") ? String(name.dropFirst()) : name)
        isUnit = TemplateFunctions.units.contains(raw)
        words = Set(raw.lowercased().split(separator: "/").map(String.init)).sorted().map { Array($0.utf8) }
    }

    /// The argument's value for a match with `ctx`'s captures.
    @inline(__always) func value(_ ctx: TemplateContext) -> String? {
        if let p = preferred, let v = ctx.capture(p) { return v }
        if let v = ctx.capture(name) { return v }
        if let u = unsigned, let v = ctx.capture(u) {
            guard negated else { return v }
            return v.hasPrefix("-") ? String(v.dropFirst()) : "-" + v
        }
        return name
    }

    /// The value as an integer (a leading `+` allowed), or nil.
    @inline(__always) func int(_ ctx: TemplateContext) -> Int? {
        var s: String
        if preferred == nil, unsigned == nil {
            // One look at the captures: a literal when nothing has the argument's name.
            guard let v = ctx.capture(name) else { return integer }
            s = v
        } else {
            guard let v = value(ctx) else { return nil }
            s = v
        }
        if s.hasPrefix("+") { s.removeFirst() }
        return Int(s)
    }
}
