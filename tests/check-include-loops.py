#!/usr/bin/env python3
# check-include-loops.py SOURCE-ROOT
#
# The house rule of HACKING.md: no two files of different folders of src/
# include each other, directly or through a circle. A "module" is a .c file
# with its .h and -private.h; an edge is an #include "..." between modules.
# Exits 1 and names the circle when one crosses a folder.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import sys

root = os.path.join(sys.argv[1] if len(sys.argv) > 1 else '.', 'src')
files = {}
for folder, _, names in os.walk(root):
    for name in names:
        if name.endswith(('.c', '.h')):
            path = os.path.join(folder, name)
            files[os.path.relpath(path, root)] = path


def module(rel):
    return re.sub(r'(-private)?\.[ch]$', '', rel)


by_name = {}
for rel in files:
    by_name.setdefault(os.path.basename(rel), []).append(rel)

include = re.compile(r'\s*#\s*include\s+"([^"]+)"')
edges = {}
for rel, path in files.items():
    here = module(rel)
    with open(path, encoding='utf-8', errors='replace') as f:
        for line in f:
            m = include.match(line)
            if not m:
                continue
            name = m.group(1)
            # "model/tm-task.h" from the core's root, "views/..." from src/gui,
            # or a name beside the including file.
            targets = [r for r in files if r == name or r.endswith('/' + name)]
            if not targets:
                targets = by_name.get(os.path.basename(name), [])
            for target in targets[:1]:
                there = module(target)
                if there != here:
                    edges.setdefault(here, set()).add(there)

# Tarjan's strongly connected components, iteratively.
index, low, on_stack, stack, circles = {}, {}, set(), [], []
counter = 0
for start in list(edges):
    if start in index:
        continue
    work = [(start, iter(sorted(edges.get(start, ()))))]
    index[start] = low[start] = counter
    counter += 1
    stack.append(start)
    on_stack.add(start)
    while work:
        node, children = work[-1]
        for child in children:
            if child not in index:
                index[child] = low[child] = counter
                counter += 1
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(edges.get(child, ())))))
                break
            if child in on_stack:
                low[node] = min(low[node], index[child])
        else:
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    circles.append(sorted(component))

crossing = [c for c in circles if len({os.path.dirname(m) for m in c}) > 1]
for c in crossing:
    print('Files of different folders include each other: ' + ' → '.join(c))
print('%d modules, %d circles inside a folder, %d across folders'
      % (len(set(edges) | {m for e in edges.values() for m in e}), len(circles) - len(crossing), len(crossing)))
sys.exit(1 if crossing else 0)
