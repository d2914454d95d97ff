// Shell completions (bash, zsh) generated from a program's description: commands, options, which
// options take values, and what each value is (files, workflow files, node types, commands).
#include "clidoc.h"

namespace Flow::CliDoc {
namespace {

// A shell function name for the program: "flowrun" -> "_flowrun".
QString functionName(const Program &p)
{
    QString name = p.name;
    for (QChar &c : name) {
        if (!c.isLetterOrNumber())
            c = QLatin1Char('_');
    }
    return QLatin1Char('_') + name;
}

QString dashed(const QString &name)
{
    return (name.size() == 1 ? QLatin1String("-") : QLatin1String("--")) + name;
}

QStringList allNames(const QList<Option> &options)
{
    QStringList names;
    for (const Option &o : options) {
        for (const QString &n : o.names)
            names.append(dashed(n));
    }
    return names;
}

QStringList commandNames(const Program &p)
{
    QStringList names;
    for (const Command &c : p.commands)
        names.append(c.name);
    return names;
}

QString firstLine(const QString &text)
{
    return text.section(QLatin1Char('\n'), 0, 0).trimmed();
}

// ---- bash ---------------------------------------------------------------------------------------

QString bashHelpers(const QString &f)
{
    return QStringLiteral(R"sh(%1_node_types() {
    "${1:-flowrun}" nodes --json 2>/dev/null | sed -n 's/^ *"type": *"\([^"]*\)".*/\1/p'
}

# %1_values KIND WORD PROGRAM COMMANDS: adds the candidates for one value to COMPREPLY.
%1_values() {
    local IFS=$'\n' f
    case $1 in
    file)
        compopt -o filenames 2>/dev/null
        COMPREPLY+=($(compgen -f -- "$2")) ;;
    directory)
        compopt -o filenames 2>/dev/null
        COMPREPLY+=($(compgen -d -- "$2")) ;;
    workflow)
        compopt -o filenames 2>/dev/null
        for f in $(compgen -f -- "$2"); do
            if [[ -d $f || $f == *.yaml || $f == *.yml ]]; then COMPREPLY+=("$f"); fi
        done ;;
    node-type)
        local types
        types=$(%1_node_types "$3")
        IFS=$' \t\n'
        COMPREPLY+=($(compgen -W "$types" -- "$2")) ;;
    command)
        IFS=$' \t\n'
        COMPREPLY+=($(compgen -W "$4" -- "$2")) ;;
    esac
}
)sh")
        .arg(f);
}

// The branch for one command (or the program itself): values of options, then options, then arguments.
QString bashBranch(const QString &f, const Command &c)
{
    QString out;
    QStringList freeText;
    for (const Option &o : c.options) {
        if (o.valueName.isEmpty())
            continue;
        QStringList names;
        for (const QString &n : o.names)
            names.append(dashed(n));
        if (o.kind == ValueKind::None)
            freeText += names;
        else
            out += QStringLiteral("        %1) %2_values %3 \"$cur\" \"$prog\" \"$commands\"; return 0 ;;\n")
                       .arg(names.join(QLatin1Char('|')), f, kindName(o.kind));
    }
    if (!freeText.isEmpty())
        out += QStringLiteral("        %1) return 0 ;;\n").arg(freeText.join(QLatin1Char('|')));
    QString branch;
    if (!out.isEmpty())
        branch += QStringLiteral("        case $prev in\n%1        esac\n").arg(out);
    branch += QStringLiteral("        if [[ $cur == -* ]]; then\n"
                             "            COMPREPLY=($(compgen -W \"%1\" -- \"$cur\"))\n"
                             "            return 0\n"
                             "        fi\n")
                  .arg(allNames(c.options).join(QLatin1Char(' ')));
    if (!c.arguments.isEmpty())
        branch += QStringLiteral("        %1_values %2 \"$cur\" \"$prog\" \"$commands\"\n")
                      .arg(f, kindName(c.arguments.first().kind));
    return branch;
}

// ---- zsh ----------------------------------------------------------------------------------------

QString zshQuoted(QString text)
{
    text.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    text.replace(QLatin1Char('['), QLatin1String("\\["));
    text.replace(QLatin1Char(']'), QLatin1String("\\]"));
    text.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return text;
}

QString zshAction(const QString &f, ValueKind kind)
{
    switch (kind) {
    case ValueKind::File:
        return QStringLiteral("_files");
    case ValueKind::Workflow:
        return QStringLiteral("_files -g \"*.(yaml|yml)\"");
    case ValueKind::Directory:
        return QStringLiteral("_files -/");
    case ValueKind::NodeType:
        return f + QLatin1String("_node_types");
    case ValueKind::Command:
        return f + QLatin1String("_commands");
    case ValueKind::Auto:
    case ValueKind::None:
        break;
    }
    return QStringLiteral(" ");
}

QString zshMessage(const QString &valueName)
{
    QString text = valueName;
    return zshQuoted(text.replace(QLatin1Char(':'), QLatin1String("\\:")));
}

QStringList zshSpecs(const QString &f, const Command &c)
{
    QStringList specs;
    for (const Option &o : c.options) {
        QStringList names;
        for (const QString &n : o.names)
            names.append(dashed(n));
        const QString help = QLatin1Char('[') + zshQuoted(firstLine(o.description)) + QLatin1Char(']');
        QString value;
        if (!o.valueName.isEmpty())
            value = QLatin1Char(':') + zshMessage(o.valueName) + QLatin1Char(':') + zshAction(f, o.kind);
        // Options with values may repeat (-p a=1 -p b=2); flags are offered once.
        const QString exclusion = o.valueName.isEmpty() && names.size() > 1
                                      ? QLatin1String("(") + names.join(QLatin1Char(' ')) + QLatin1String(")")
                                      : QString();
        const QString repeat = o.valueName.isEmpty() ? QString() : QStringLiteral("*");
        for (const QString &n : names) {
            const QString suffix = o.valueName.isEmpty() ? QString()
                                   : n.size() == 2       ? QStringLiteral("+")
                                                         : QStringLiteral("=");
            specs.append(QLatin1Char('\'') + (repeat.isEmpty() ? exclusion : repeat) + n + suffix + help
                         + value + QLatin1Char('\''));
        }
    }
    for (const Argument &a : c.arguments) {
        const bool many = a.syntax.contains(QLatin1String("..."));
        const bool optional = a.syntax.startsWith(QLatin1Char('['));
        const QString prefix = many       ? QStringLiteral("*:")
                               : optional ? QStringLiteral("::")
                                          : QStringLiteral(":");
        specs.append(QLatin1Char('\'') + prefix + zshMessage(a.name) + QLatin1Char(':') + zshAction(f, a.kind)
                     + QLatin1Char('\''));
    }
    return specs;
}

QString zshArguments(const QStringList &specs, const QString &indent)
{
    QString out = indent + QLatin1String("_arguments -S");
    for (const QString &s : specs)
        out += QLatin1String(" \\\n") + indent + QLatin1String("  ") + s;
    return out;
}

} // namespace

QString bashCompletion(const Program &p)
{
    const QString f = functionName(p);
    QStringList commands = commandNames(p);
    QString out = QStringLiteral("# bash completion for %1. Generated by flow_docgen from `%1 --help` data "
                                 "(see docs/cli.md); do not edit.\n\n")
                      .arg(p.name);
    out += bashHelpers(f);
    out += QStringLiteral("\n%1() {\n"
                          "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
                          "    local prog=${COMP_WORDS[0]} commands=\"%2\" cmd=\"\" i\n"
                          "    COMPREPLY=()\n"
                          "    # --name=value: bash splits the word at '=' (COMP_WORDBREAKS).\n"
                          "    if [[ $cur == = ]]; then\n"
                          "        cur=\"\"\n"
                          "    elif [[ $prev == = && $COMP_CWORD -ge 2 ]]; then\n"
                          "        prev=${COMP_WORDS[COMP_CWORD-2]}\n"
                          "    fi\n")
               .arg(f, commands.join(QLatin1Char(' ')));
    if (commands.isEmpty()) {
        out += bashBranch(f, p.main);
    } else {
        out += QStringLiteral("    for ((i = 1; i < COMP_CWORD; i++)); do\n"
                              "        if [[ ${COMP_WORDS[i]} != -* && ${COMP_WORDS[i]} != = ]]; then\n"
                              "            cmd=${COMP_WORDS[i]}\n"
                              "            break\n"
                              "        fi\n"
                              "    done\n"
                              "    case $cmd in\n"
                              "    \"\")\n"
                              "        if [[ $cur == -* ]]; then\n"
                              "            COMPREPLY=($(compgen -W \"%1\" -- \"$cur\"))\n"
                              "        else\n"
                              "            COMPREPLY=($(compgen -W \"$commands\" -- \"$cur\"))\n"
                              "        fi\n"
                              "        ;;\n")
                   .arg(allNames(p.main.options).join(QLatin1Char(' ')));
        for (const Command &c : p.commands)
            out += QStringLiteral("    %1)\n%2        ;;\n").arg(c.name, bashBranch(f, c));
        out += QLatin1String("    esac\n");
    }
    out += QStringLiteral("    return 0\n}\n\ncomplete -F %1 %2\n").arg(f, p.name);
    return out;
}

QString zshCompletion(const Program &p)
{
    const QString f = functionName(p);
    QString out
        = QStringLiteral("#compdef %1\n# zsh completion for %1. Generated by flow_docgen from `%1 --help` "
                         "data (see docs/cli.md); do not edit.\n\n")
              .arg(p.name);
    out += QStringLiteral("%1_node_types() {\n"
                          "  local -a types\n"
                          "  types=(${(f)\"$(${_flowrun_program:-flowrun} nodes --json 2>/dev/null | sed -n "
                          "'s/^ *\"type\": *\"\\([^\"]*\\)\".*/\\1/p')\"})\n"
                          "  _wanted node-types expl 'node type' compadd -a types\n"
                          "}\n\n")
               .arg(f);
    out += QStringLiteral("%1_commands() {\n  local -a commands\n  commands=(\n").arg(f);
    for (const Command &c : p.commands)
        out += QStringLiteral("    '%1:%2'\n").arg(c.name, zshQuoted(firstLine(c.summary)));
    out += QStringLiteral("  )\n  _describe -t commands '%1 command' commands\n}\n\n").arg(p.name);

    out += f
           + QLatin1String("() {\n  local curcontext=$curcontext state state_descr line ret=1\n"
                           "  typeset -A opt_args\n"
                           "  # The program as typed (maybe ./flowrun): the node types come from it.\n"
                           "  local _flowrun_program=${words[1]}\n");
    QStringList mainSpecs = zshSpecs(f, p.main);
    if (p.commands.isEmpty()) {
        out += zshArguments(mainSpecs, QStringLiteral("  ")) + QLatin1String(" && ret=0\n");
    } else {
        mainSpecs << QStringLiteral("'1: :%1_commands'").arg(f) << QStringLiteral("'*:: :->args'");
        out += zshArguments(mainSpecs, QStringLiteral("  "))
                   .replace(QLatin1String("_arguments -S"), QLatin1String("_arguments -C -S"))
               + QLatin1String(" && ret=0\n");
        out += QStringLiteral("  case $state in\n  args)\n"
                              "    curcontext=${curcontext%:*:*}:%1-$words[1]:\n"
                              "    case $words[1] in\n")
                   .arg(p.name);
        for (const Command &c : p.commands) {
            out += QStringLiteral("    %1)\n").arg(c.name);
            out += zshArguments(zshSpecs(f, c), QStringLiteral("      "))
                   + QLatin1String(" && ret=0\n      ;;\n");
        }
        out += QLatin1String("    esac\n    ;;\n  esac\n");
    }
    out += QStringLiteral("  return ret\n}\n\n%1 \"$@\"\n").arg(f);
    return out;
}

} // namespace Flow::CliDoc
