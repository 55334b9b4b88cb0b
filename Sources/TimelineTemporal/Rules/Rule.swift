import TimelineModel

/// One tagging rule, read from a `.rules` file (see ``RuleFile``). A class so the hot loop shares it.
final class Rule: Sendable {
    let name: String
    let language: String
    /// Where the rule was written, for messages (`en/rules/dates.rules:12`).
    let location: String
    let pattern: Pattern
    let type: TimexType
    let value: Template
    let mod: Template?
    /// An explicit EDTF template; without one the EDTF comes from ``TimexEDTF``.
    let edtf: Template?
    /// The rule does not apply when this matches just before (ending at the match's first token).
    let notBefore: Pattern?
    /// The rule does not apply when this matches just after the match.
    let notAfter: Pattern?
    /// The rule applies only when this matches nearby (up to 60 tokens before, 20 after).
    let near: Pattern?
    let examples: [RuleExample]
    /// The position of the rule among all rules: earlier rules win ties.
    let priority: Int
    /// The two captures that TimeML tags as expressions of their own (`parts: year year2` for `between 1994
    /// and 1997`): see ``TimeExpression/parts``. Empty for most rules.
    let parts: [String]

    init(name: String, language: String, location: String, pattern: Pattern, type: TimexType, value: Template,
         mod: Template?, edtf: Template?, notBefore: Pattern?, notAfter: Pattern?, near: Pattern?,
         examples: [RuleExample], priority: Int = 0, parts: [String] = []) {
        self.name = name
        self.language = language
        self.location = location
        self.pattern = pattern
        self.type = type
        self.value = value
        self.mod = mod
        self.edtf = edtf
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.near = near
        self.examples = examples
        self.priority = priority
        self.parts = parts
    }

    /// The same rule at another priority.
    func with(priority: Int) -> Rule {
        Rule(name: name, language: language, location: location, pattern: pattern, type: type, value: value, mod: mod,
             edtf: edtf, notBefore: notBefore, notAfter: notAfter, near: near, examples: examples, priority: priority,
             parts: parts)
    }
}

/// An example written beside a rule, run by the test suite.
///
/// `example: TEXT => VALUE [mod=M] [edtf=E] [type=T] [dct=none|YYYY-MM-DD]` tags TEXT (DCT 2013-03-22, a Friday,
/// unless `dct=` says otherwise) and expects an expression with VALUE whose span is TEXT, or the part of TEXT
/// in `[brackets]`. `counter: TEXT` expects no expression at all.
public struct RuleExample: Sendable, Equatable {
    /// The default document creation time of examples.
    public static let defaultDCT = CalendarDay(year: 2013, month: 3, day: 22)

    public var rule: String
    public var location: String
    /// The text to tag, brackets removed.
    public var text: String
    /// The expected span in scalar offsets, `nil` for a counter-example.
    public var span: Range<Int>?
    public var value: String?
    public var type: String?
    public var mod: String?
    /// The expected EDTF; `"nil"` expects none.
    public var edtf: String?
    /// `"none"` to tag without a DCT, else `YYYY-MM-DD`; `nil` for the default.
    public var dct: String?
    /// The values of the expression's ``TimeExpression/parts`` (`parts=1994|1997`).
    public var parts: [String]?
}

