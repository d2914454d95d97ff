#!/usr/bin/env python3
"""Fill unfinished messages of a Qt .ts file from a JSON file, or list them.

    scripts/ts-fill.py translations/flowstudio_de.ts            # list unfinished as JSON (context, source)
    scripts/ts-fill.py translations/flowstudio_de.ts de.json    # fill them: [{"context","source","translation"}]

"translation" is a string, or a list of strings for numerus messages. Only unfinished entries are touched,
and the file is written back in the layout lupdate uses, so the next lupdate run changes nothing.
"""
import json
import sys
import xml.etree.ElementTree as ET


def unfinished(root):
    for ctx in root.iter('context'):
        name = ctx.find('name').text
        for m in ctx.iter('message'):
            tr = m.find('translation')
            if tr is not None and tr.get('type') == 'unfinished':
                yield name, m, tr


def main():
    ts = sys.argv[1]
    tree = ET.parse(ts)
    root = tree.getroot()
    if len(sys.argv) == 2:
        out = [{'context': c, 'source': m.find('source').text, 'numerus': m.get('numerus') == 'yes'}
               for c, m, _ in unfinished(root)]
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        return
    table = {(e['context'], e['source']): e['translation'] for e in json.load(open(sys.argv[2], encoding='utf-8'))}
    filled = missing = 0
    for c, m, tr in unfinished(root):
        value = table.get((c, m.find('source').text))
        if value is None:
            missing += 1
            continue
        del tr.attrib['type']
        if m.get('numerus') == 'yes':
            for child in list(tr):
                tr.remove(child)
            tr.text = None
            for form in (value if isinstance(value, list) else [value, value]):
                ET.SubElement(tr, 'numerusform').text = form
        else:
            tr.text = value
        filled += 1
    body = ET.tostring(root, encoding='unicode')
    with open(ts, 'w', encoding='utf-8') as f:
        f.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + '\n')
    print(f'filled {filled}, still unfinished {missing}', file=sys.stderr)


if __name__ == '__main__':
    main()
