/// Reads a `.rules` file.
///
/// Format: blocks of `key: value` lines, each block starting with `rule:`; `#` at the start of a
/// line is a comment. Keys:
/// ```
/// rule: month-day-year                 # a name, unique in the language
/// pattern: @month #day ,? #year        # see Pattern for the syntax
/// type: DATE                           # DATE | TIME | DURATION | SET
/// value: {year}-{month}-{day}          # see Template and TemplateFunctions
/// mod: END                             # optional TIMEX3 modifier (may use {captures})
/// edtf: {year}/{year2}                 # optional; otherwise derived from value and mod
/// not-before: @quantifier              # optional: no match when this precedes
/// not-after: @countnoun                # optional: no match when this follows
/// near: quarter|quarterly              # optional: only when this occurs nearby (60 tokens before, 20 after)
/// example: June 5, 2019 => 2019-06-05  # any number; see RuleExample
/// counter: 5500 sanctions              # any number: must produce no expression
/// ```
enum RuleFile {
    static func parse(_ text: String, language: String, file: String) throws -> [Rule] {
        var rules: [Rule] = []
        var fields: [(key: String, value: String, line: Int)] = []
        var startLine = 0

        func flush() throws {
            guard !fields.isEmpty else { return }
            rules.append(try build(fields, language: language, file: file, line: startLine))
            fields = []
        }

        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw).trimmingSpaces()
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw TaggerRulesError.badLine(file: file, line: n + 1, message: "expected 'key: value'")
            }
            let key = String(line[..<colon]).trimmingSpaces().lowercased()
            var value = String(line[line.index(after: colon)...]).trimmingSpaces()
            if key != "example" && key != "counter", let hash = value.range(of: "  #") {
                value = String(value[..<hash.lowerBound]).trimmingSpaces()
            }
            if key == "rule" {
                try flush()
                startLine = n + 1
            } else if fields.isEmpty {
                throw TaggerRulesError.badLine(file: file, line: n + 1, message: "'\(key):' before the first 'rule:'")
            }
            fields.append((key, value, n + 1))
        }
        try flush()
        return rules
    }

    private static func build(_ fields: [(key: String, value: String, line: Int)], language: String, file: String,
                              line: Int) throws -> Rule {
        var single: [String: (String, Int)] = [:]
        var examples: [RuleExample] = []
        let name = fields[0].value
        let location = "\(file):\(line)"
        func fail(_ l: Int, _ m: String) -> TaggerRulesError { .badLine(file: file, line: l, message: m) }
        for f in fields {
            switch f.key {
            case "rule", "pattern", "type", "value", "mod", "edtf", "not-before", "not-after", "near", "parts":
                if single[f.key] != nil { throw fail(f.line, "'\(f.key):' given twice in rule '\(name)'") }
                single[f.key] = (f.value, f.line)
            case "example", "counter":
                guard let ex = parseExample(f.value, counter: f.key == "counter", rule: name,
                                            location: "\(file):\(f.line)") else {
                    throw fail(f.line, "expected 'example: TEXT => VALUE [mod=..] [edtf=..] [type=..] [dct=..] [parts=A|B]'")
                }
                examples.append(ex)
            default:
                throw fail(f.line, "unknown key '\(f.key)' (known: rule pattern type value mod edtf not-before not-after near parts example counter)")
            }
        }
        func pattern(_ key: String) throws -> Pattern? {
            guard let (text, l) = single[key] else { return nil }
            do { return try PatternParser.parse(text) } catch PatternParser.ParseError.message(let m) {
                throw fail(l, "\(key): \(m)")
            }
        }
        func template(_ key: String) throws -> Template? {
            guard let (text, l) = single[key] else { return nil }
            do { return try Template(text) } catch PatternParser.ParseError.message(let m) { throw fail(l, m) }
        }
        guard let p = try pattern("pattern") else { throw fail(line, "rule '\(name)' has no 'pattern:'") }
        guard let (typeText, typeLine) = single["type"] else { throw fail(line, "rule '\(name)' has no 'type:'") }
        guard let type = TimexType(rawValue: typeText.uppercased()) else {
            throw fail(typeLine, "type must be DATE, TIME, DURATION or SET")
        }
        guard let value = try template("value") else { throw fail(line, "rule '\(name)' has no 'value:'") }
        var parts: [String] = []
        if let (text, l) = single["parts"] {
            parts = text.split(separator: " ").map(String.init)
            let known = p.builtinCaptureNames
            guard parts.count == 2, parts.allSatisfy(known.contains) else {
                throw fail(l, "parts: name the two built-in captures of the range's ends (here: \(known.sorted().joined(separator: " ")))")
            }
            guard single["edtf"] != nil else { throw fail(l, "parts: the rule needs an 'edtf:' interval whose ends they take") }
        }
        return Rule(name: name, language: language, location: location, pattern: p, type: type, value: value,
                    mod: try template("mod"), edtf: try template("edtf"), notBefore: try pattern("not-before"),
                    notAfter: try pattern("not-after"), near: try pattern("near"), examples: examples, parts: parts)
    }

    static func parseExample(_ s: String, counter: Bool, rule: String, location: String) -> RuleExample? {
        var textPart = s
        var ex = RuleExample(rule: rule, location: location, text: "", span: nil)
        if !counter {
            guard let arrow = s.range(of: " => ") else { return nil }
            textPart = String(s[..<arrow.lowerBound])
            let rhs = s[arrow.upperBound...].split(separator: " ").map(String.init)
            guard let v = rhs.first else { return nil }
            ex.value = v
            for opt in rhs.dropFirst() {
                guard let eq = opt.firstIndex(of: "=") else { return nil }
                let k = opt[..<eq], val = String(opt[opt.index(after: eq)...])
                switch k {
                case "mod": ex.mod = val
                case "edtf": ex.edtf = val
                case "type": ex.type = val
                case "dct": ex.dct = val
                case "parts": ex.parts = val.split(separator: "|").map(String.init)
                default: return nil
                }
            }
        }
        var scalars = Array(textPart.trimmingSpaces().unicodeScalars)
        var open: Int? = nil, close: Int? = nil
        if let o = scalars.firstIndex(of: "["), let c = scalars.lastIndex(of: "]"), o < c {
            open = o; close = c - 1
            scalars.remove(at: c); scalars.remove(at: o)
        }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars)
        ex.text = String(text)
        if !counter { ex.span = (open ?? 0)..<(close ?? scalars.count) }
        return ex
    }
}
