/// A value template: literal text with `{...}` parts evaluated against a match.
///
/// `{name}` is a capture's value. `{fn:arg:arg}` calls a function (see ``TemplateFunctions``);
/// an argument is a capture name, an integer (`-1`), a negated capture (`-n`), a capture with a default
/// (`num|1`), or a literal word.
struct Template: Sendable {
    enum Part: Sendable {
        case text(String)
        case capture(String)
        case call(TemplateFunctions.Function, [TemplateArgument])
    }

    let parts: [Part]
    let source: String

    init(_ source: String) throws {
        self.source = source
        var parts: [Part] = []
        var rest = Substring(source)
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw PatternParser.ParseError.message("missing '}' in template '\(source)'")
            }
            let inner = rest[rest.index(after: open)..<close]
            let pieces = inner.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            if pieces.count == 1 {
                parts.append(.capture(pieces[0]))
            } else {
                guard let fn = TemplateFunctions.Function(rawValue: pieces[0]) else {
                    throw PatternParser.ParseError.message("unknown function '\(pieces[0])' in '\(source)' (known: \(TemplateFunctions.names.sorted().joined(separator: ", ")))")
                }
                parts.append(.call(fn, pieces.dropFirst().map(TemplateArgument.init)))
            }
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        self.parts = parts
    }

    /// The evaluated text, or `nil` when a capture is missing or a function rejects its input.
    func evaluate(_ ctx: inout TemplateContext) -> String? {
        var out = ""
        for p in parts {
            switch p {
            case let .text(s): out += s
            case let .capture(name):
                guard let v = ctx.capture(name) else { return nil }
                out += v
            case let .call(fn, args):
                guard let v = TemplateFunctions.call(fn, args, &ctx) else { return nil }
                out += v
            }
        }
        return out
    }
}
