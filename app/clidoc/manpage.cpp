// The man page (roff, man(7) macros) of a described program. Every text comes from the description, so
// the page says what --help says.
#include "clidoc.h"

namespace Flow::CliDoc {
namespace {

// Plain text to roff: backslashes and dashes escaped, no line may start a request.
QString escaped(const QString &text)
{
    QString out = text;
    out.replace(QLatin1Char('\\'), QLatin1String("\\e"));
    out.replace(QLatin1Char('-'), QLatin1String("\\-"));
    return out;
}

QString line(const QString &text)
{
    const QString out = escaped(text);
    if (out.startsWith(QLatin1Char('.')) || out.startsWith(QLatin1Char('\'')))
        return QLatin1String("\\&") + out + QLatin1Char('\n');
    return out + QLatin1Char('\n');
}

// Each line of the source stays a line (.br); an empty line starts a paragraph.
QString paragraphs(const QString &text)
{
    QString out;
    bool first = true;
    for (const QString &l : text.split(QLatin1Char('\n'))) {
        if (l.trimmed().isEmpty()) {
            out += QLatin1String(".PP\n");
            first = true;
            continue;
        }
        if (!first)
            out += QLatin1String(".br\n");
        out += line(l);
        first = false;
    }
    return out;
}

QString bold(const QString &text)
{
    return QLatin1String("\\fB") + escaped(text) + QLatin1String("\\fR");
}

QString italic(const QString &text)
{
    return QLatin1String("\\fI") + escaped(text) + QLatin1String("\\fR");
}

QString optionTerm(const Option &o)
{
    QStringList names;
    for (const QString &n : o.names)
        names.append(bold((n.size() == 1 ? QLatin1String("-") : QLatin1String("--")) + n));
    QString term = names.join(QLatin1String(", "));
    if (!o.valueName.isEmpty())
        term += QLatin1Char(' ') + italic(o.valueName);
    return term;
}

QString optionText(const Option &o)
{
    QString text = o.description;
    if (!o.defaults.isEmpty())
        text += QStringLiteral(" [default: %1]").arg(o.defaults.join(QLatin1String(", ")));
    return text;
}

QString optionsAndArguments(const Command &c)
{
    QString out;
    for (const Option &o : c.options)
        out += QLatin1String(".TP\n") + optionTerm(o) + QLatin1Char('\n') + paragraphs(optionText(o));
    for (const Argument &a : c.arguments)
        out += QLatin1String(".TP\n") + italic(a.syntax) + QLatin1Char('\n') + paragraphs(a.description);
    return out;
}

QString synopsis(const QString &program, const Command &c)
{
    return QLatin1String(".B ") + escaped(program) + QLatin1Char('\n') + line(c.synopsis);
}

} // namespace

QString manPage(const Program &p, const QString &date)
{
    QString out
        = QStringLiteral(".\\\" Generated from `%1 --help` data by flow_docgen; do not edit.\n").arg(p.name);
    out += QStringLiteral(".TH %1 1 \"%2\" \"%3 %4\" \"User Commands\"\n")
               .arg(p.name.toUpper(), date, p.name, p.version);
    out += QLatin1String(".SH NAME\n") + escaped(p.name) + QLatin1String(" \\- ") + line(p.summary);
    out += QLatin1String(".SH SYNOPSIS\n") + synopsis(p.name, p.main);
    for (const Command &c : p.commands)
        out += QLatin1String(".br\n") + synopsis(p.name, c);
    out += QLatin1String(".SH DESCRIPTION\n") + paragraphs(p.main.description);
    if (!p.commands.isEmpty()) {
        out += QLatin1String(".SH COMMANDS\n");
        for (const Command &c : p.commands) {
            out += QStringLiteral(".SS \"%1\"\n").arg(escaped(p.name + QLatin1Char(' ') + c.synopsis));
            out += paragraphs(c.description.isEmpty() ? c.summary : c.description);
            out += optionsAndArguments(c);
        }
    }
    if (!p.main.options.isEmpty() || !p.main.arguments.isEmpty())
        out += QLatin1String(".SH OPTIONS\n") + optionsAndArguments(p.main);
    for (const Section &s : p.sections)
        out += QStringLiteral(".SH \"%1\"\n").arg(escaped(s.title.toUpper())) + paragraphs(s.text);
    if (!p.seeAlso.isEmpty()) {
        QStringList refs;
        for (const QString &ref : p.seeAlso) {
            const qsizetype paren = ref.indexOf(QLatin1Char('('));
            refs.append(paren > 0 ? bold(ref.left(paren)) + escaped(ref.mid(paren)) : escaped(ref));
        }
        out += QLatin1String(".SH \"SEE ALSO\"\n") + refs.join(QLatin1String(", ")) + QLatin1Char('\n');
    }
    return out;
}

} // namespace Flow::CliDoc
