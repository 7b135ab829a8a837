#!/usr/bin/env python3
"""Regenerates jinja2_cases.json: expected renders computed by Jinja2 itself (the oracle), in
the environment ../shared/reference/README.md describes (trim_blocks, lstrip_blocks, loop
controls, raise_exception, strftime_now fixed at 2026-11-22 12:00:00, tojson = json.dumps with
ensure_ascii off). Two parts:
  snippets: small templates exercising one feature each (whitespace control, scoping, filters...)
  tool_renders: every shared template with conversations that use tools and tool calls.
Usage: python3 generate_jinja2_cases.py ../../../../shared/models/templates > jinja2_cases.json
"""
import datetime
import json
import os
import sys

import jinja2
import jinja2.ext


class RaisedError(Exception):
    pass


def make_env():
    env = jinja2.Environment(trim_blocks=True, lstrip_blocks=True,
                             extensions=[jinja2.ext.loopcontrols])

    def raise_exception(message):
        raise RaisedError(message)

    def tojson(x, indent=None, ensure_ascii=False, separators=None, sort_keys=False):
        return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators,
                          sort_keys=sort_keys)

    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = lambda fmt: datetime.datetime(2026, 11, 22, 12, 0, 0).strftime(fmt)
    return env


def render(env, source, context):
    try:
        return {"text": env.from_string(source).render(**context)}
    except RaisedError as e:
        return {"raised": str(e)}
    except jinja2.UndefinedError as e:
        return {"undefined": str(e)}
    except Exception as e:  # TypeError and friends: only failure itself is checked
        return {"failed": type(e).__name__ + ": " + str(e)}


SNIPPETS = [
    ("text only\n", {}),
    ("a\n{% if true %}\n  b\n{% endif %}\nc", {}),
    ("  {% if true %}x{% endif %}  \n  y", {}),
    ("{%+ if true %}x{% endif +%}\n", {}),
    ("a  {{- ' b ' -}}  c", {}),
    ("{# comment #}\n  {#- x -#}  a", {}),
    ("line1\n    {% for i in [1, 2] %}\n    {{ i }}\n    {% endfor %}\nend", {}),
    ("{% raw %}{{ not parsed }}{% endraw %}", {}),
    ("{% for x in [] %}a{% else %}empty{% endfor %}", {}),
    ("{% for x in xs %}{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.revindex0 }}"
     "{{ loop.first }}{{ loop.last }}{{ loop.length }}|{% endfor %}", {"xs": ["a", "b", "c"]}),
    ("{% for x in xs %}{{ loop.previtem | default('-') }}{{ x }}{{ loop.nextitem | default('-') }} {% endfor %}",
     {"xs": [1, 2, 3]}),
    ("{% for x in range(10) %}{% if x == 2 %}{% continue %}{% endif %}{% if x == 5 %}{% break %}{% endif %}{{ x }}{% endfor %}", {}),
    ("{% for x in range(6) if x is odd %}{{ x }}{{ loop.last }}{% endfor %}", {}),
    ("{% for k, v in d | items %}{{ k }}={{ v }};{% endfor %}", {"d": {"b": 1, "a": 2}}),
    ("{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}", {"d": {"z": [1], "y": None}}),
    ("{% set x = 1 %}{% for i in [1] %}{% set x = 2 %}{{ x }}{% endfor %}{{ x }}", {}),
    ("{% for i in range(3) %}{% if i == 0 %}{% set y = 1 %}{% endif %}[{{ y }}]{% endfor %}", {}),
    ("{% set ns = namespace(n=0, s='') %}{% for i in range(4) %}{% set ns.n = ns.n + i %}{% set ns.s = ns.s ~ i %}{% endfor %}{{ ns.n }} {{ ns.s }}", {}),
    ("{% set ns = namespace() %}{% set ns.a = [1] %}{% set ns.a = ns.a + [2] %}{{ ns.a }}", {}),
    ("{% set b %}  block {{ 1 + 1 }} {% endset %}[{{ b }}]", {}),
    ("{% filter upper %}hello {{ 'x' }}{% endfilter %}", {}),
    ("{% macro m(a, b='B', c=none) %}{{ a }}{{ b }}{{ c }}{% endmacro %}{{ m(1) }}|{{ m(1, 2) }}|{{ m(1, c=3) }}", {}),
    ("{% macro rec(n) %}{% if n > 0 %}{{ n }}{{ rec(n - 1) }}{% endif %}{% endmacro %}{{ rec(5) }}", {}),
    ("{% set g = 'global' %}{% macro show() %}{{ g }}{% endmacro %}{% for g in ['loop'] %}{{ show() }}{% endfor %}", {}),
    ("{% macro wrap() %}[{{ caller() }}]{% endmacro %}{% call wrap() %}inside{% endcall %}", {}),
    ("{{ 7 // 2 }} {{ -7 // 2 }} {{ 7 % 3 }} {{ -7 % 3 }} {{ 7 / 2 }} {{ 2 ** 10 }} {{ 1 + 2 * 3 }} {{ (1 + 2) * 3 }}", {}),
    ("{{ 1.5 + 1 }} {{ 0.1 + 0.2 }} {{ 1e20 }} {{ 3.0 }} {{ 1 / 3 }} {{ 1e-5 }}", {}),
    ("{{ 'a' ~ 1 ~ none ~ true }} {{ 'ab' * 3 }} {{ [1] * 2 }} {{ [1, 2] + [3] }}", {}),
    ("{{ 1 < 2 < 3 }} {{ 1 < 2 > 3 }} {{ 'a' < 'b' }} {{ 1 == 1.0 }} {{ [1, 2] == [1, 2] }} {{ 'a' != 'b' }}", {}),
    ("{{ 'b' in 'abc' }} {{ 2 in [1, 2] }} {{ 'k' in {'k': 1} }} {{ 'z' not in 'abc' }}", {}),
    ("{{ not true or false and true }} {{ none or 'x' }} {{ 0 and 1 }} {{ 'y' if false else 'n' }} [{{ 'y' if false }}]", {}),
    ("{{ x is defined }} {{ y is undefined }} {{ none is none }} {{ 'a' is string }} {{ 1 is number }} {{ {} is mapping }} {{ [] is iterable }} {{ 'a' is not string }}",
     {"x": 1}),
    ("{{ 3 is odd }} {{ 4 is even }} {{ 9 is divisibleby 3 }} {{ 'a' is equalto 'a' }} {{ 1 is sameas 1 }} {{ 2 is in [1, 2] }}", {}),
    ("{{ s[1:3] }}|{{ s[::-1] }}|{{ s[-2:] }}|{{ l[1:] }}|{{ l[::2] }}|{{ s[0] }}{{ s[-1] }}", {"s": "héllo", "l": [1, 2, 3, 4]}),
    ("{{ '  a b  ' | trim }}|{{ 'xxaxx'.strip('x') }}|{{ '  a'.lstrip() }}|{{ 'a  '.rstrip() }}|{{ 'a,b,,c'.split(',') }}|{{ ' a  b '.split() }}|{{ 'a b c'.split(' ', 1) }}", {}),
    ("{{ 'Hello'.startswith('He') }} {{ 'Hello'.endswith(('x', 'lo')) }} {{ 'hello world'.title() }} {{ 'hELLO'.capitalize() }} {{ 'abc'.upper() }} {{ 'ABC'.lower() }} {{ 'aaa'.replace('a', 'b', 2) }}", {}),
    ("{{ 'hello world-x' | title }} {{ 'hello' | capitalize }} {{ 'a' | upper }} {{ 'ab' | length }} {{ 'こんにちは' | length }} {{ [1, 2] | count }}", {}),
    ("{{ [1, 2, 3] | join(', ') }} {{ [1, 2] | first }} {{ [1, 2] | last }} {{ 'abc' | list }} {{ (d | list) }} {{ [3, 1, 2] | sort }} {{ ['b', 'A', 'a'] | unique | list }}",
     {"d": {"x": 1, "y": 2}}),
    ("{{ xs | map(attribute='n') | list }} {{ xs | selectattr('n', 'equalto', 2) | list }} {{ xs | rejectattr('n', 'gt', 1) | list }} {{ [1, 2, 3, 4] | select('even') | list }} {{ [1, none, 2] | reject('none') | list }}",
     {"xs": [{"n": 1}, {"n": 2}, {"n": 3}]}),
    ("{{ xs | selectattr('t', 'defined') | map(attribute='t') | unique | list }} {{ xs | map(attribute='t', default='-') | join }}",
     {"xs": [{"t": "a"}, {}, {"t": "a"}, {"t": "b"}]}),
    ("{{ x | default('d') }} {{ '' | default('d') }} {{ '' | default('d', true) }} {{ none | d('n', true) }}", {}),
    ("{{ '12' | int + 1 }} {{ '3.7' | int }} {{ 'x' | int }} {{ '2.5' | float }} {{ 3 | float }} {{ 42 | string }} {{ [1, 'a'] | string }} {{ -3 | abs }}", {}),
    ("{{ 'a\nb\n\nc' | indent }}|{{ 'a\nb' | indent(2, first=true) }}|{{ 'a\n\nb' | indent(2, blank=true) }}|{{ 'x' | indent('> ') }}", {}),
    ("{{ 'a-b-c' | replace('-', '+') }} {{ '<b>' | e }} {{ '<b>' | safe }} {{ [3, 1] | max }} {{ [3, 1] | min }} {{ [1, 2] | sum }} {{ [1, 2] | reverse | list }}", {}),
    ("{{ d | tojson }}|{{ d | tojson(indent=2) }}|{{ [] | tojson(indent=2) }}|{{ 'é\"\\n' | tojson }}|{{ 1.0 | tojson }}|{{ none | tojson }}",
     {"d": {"a": [1, 2.5, True, None], "b": {"c": "日本"}, "e": {}}}),
    ("{{ d | tojson(sort_keys=true) }}", {"d": {"b": 1, "a": 2}}),
    ("{{ d }} {{ l }} {{ t }} {{ none }} {{ true }} {{ \"it's\" }} {{ ['it\\'s', \"q\\\"\"] }}", {"d": {"a": "x", "b": [1]}, "l": [1.5, None, "s"], "t": [1]}),
    ("{{ d.a }} {{ d['a'] }} {{ d.missing }} {{ d.get('a') }} {{ d.get('z', 'def') }} {{ d.keys() | list }} {{ d.values() | list }} {{ l.0 }}", {"d": {"a": 1}, "l": [7]}),
    ("{{ strftime_now('%d %b %Y') }} {{ strftime_now('%Y-%m-%d %H:%M:%S %A %B %j %I%p') }}", {}),
    ("{{ raise_exception('custom failure') }}", {}),
    ("{{ undefined_name + 1 }}", {}),
    ("{{ d.missing.deeper }}", {"d": {}}),
    ("{{ undefined_name }}|{{ undefined_name | length }}|{% for x in undefined_name %}x{% endfor %}|{{ undefined_name is iterable }}", {}),
    ("{{ 'a' ~ undefined_name ~ 'b' }} {{ undefined_name == undefined_other }} {{ 'a' in undefined_name }}", {}),
    ("{% if not tools is defined %}{% set tools = none %}{% endif %}{{ tools | selectattr('type', 'equalto', 'x') | list | length }}", {}),
    ("{% set a, b = [1, 2] %}{{ a }}{{ b }}{% set c = 1, 2 %}{{ c }}", {}),
    ("{% for a, b in [('x', 'maximum'), ('y', 'minimum')] %}{{ a }}:{{ b }} {% endfor %}", {}),
    ("{{ '    ' * 2 }}|{{ 'x' ~ '\\t' ~ 'y' }}|{{ \"a\" 'b' }}", {}),
    ("{% for m in messages %}{% if loop.index0 > 0 and messages[loop.index0 - 1].role != 'tool' %}!{% endif %}{{ m.role }}{% endfor %}",
     {"messages": [{"role": "user"}, {"role": "tool"}, {"role": "tool"}]}),
    ("{{ '<a>'|safe + '<b>' }} {{ '<' + '&'|safe }} {{ ('x'|safe + '\"') ~ '<' }} {{ '<i>' | e }}", {}),
    ("{{ {'a': 1, 'b': {'c': [1, {'d': 2}]}}['b']['c'][1]['d'] }}", {}),
    ("{% set x = [1, 2, 3] %}{{ x | length > 2 and x[0] == 1 }} {{ -x[0] }} {{ x | first - 1 }}", {}),
]

TOOLS = [
    {"type": "function", "function": {
        "name": "get_weather",
        "description": "Get the current weather in a city",
        "parameters": {"type": "object", "properties": {
            "city": {"type": "string", "description": "City name"},
            "unit": {"type": "string", "enum": ["celsius", "fahrenheit"], "description": "Unit"},
            "days": {"type": "integer", "description": "Days ahead", "default": 0},
        }, "required": ["city"]},
    }},
    {"type": "function", "function": {
        "name": "search",
        "description": "Search the web.",
        "parameters": {"type": "object", "properties": {
            "queries": {"type": "array", "items": {"type": "string"}, "description": "Queries"},
        }, "required": ["queries"]},
    }},
]

TOOL_CONVERSATIONS = [
    {"messages": [{"role": "system", "content": "You are helpful."},
                  {"role": "user", "content": "Weather in Paris?"}],
     "tools": TOOLS},
    {"messages": [{"role": "user", "content": "Weather in Paris?"},
                  {"role": "assistant", "content": None, "tool_calls": [
                      {"id": "call12345", "type": "function",
                       "function": {"name": "get_weather", "arguments": {"city": "Paris"}}}]},
                  {"role": "tool", "tool_call_id": "call12345", "content": "{\"temp\": 21.5}"},
                  {"role": "assistant", "content": "It is 21.5 degrees."},
                  {"role": "user", "content": "Thanks!"}],
     "tools": TOOLS},
    {"messages": [{"role": "user", "content": "Search please"},
                  {"role": "assistant", "content": "", "tool_calls": [
                      {"id": "abcdefghi", "type": "function",
                       "function": {"name": "search", "arguments": "{\"queries\": [\"a\"]}"}}]},
                  {"role": "tool", "tool_call_id": "abcdefghi", "content": "result"}],
     "add_generation_prompt": True},
    {"messages": [{"role": "user", "content": "  spaced  "},
                  {"role": "assistant", "content": "<think>hmm</think>Answer"},
                  {"role": "user", "content": "Again"}],
     "add_generation_prompt": False},
]


def main():
    env = make_env()
    snippets = []
    for source, context in SNIPPETS:
        snippets.append({"template": source, "context": context, "expected": render(env, source, context)})
    tool_renders = []
    templates_dir = sys.argv[1]
    for name in sorted(os.listdir(templates_dir)):
        with open(os.path.join(templates_dir, name), encoding="utf-8") as f:
            source = f.read()
        for index, conversation in enumerate(TOOL_CONVERSATIONS):
            context = {"add_generation_prompt": True, "bos_token": "<s>", "eos_token": "</s>"}
            context.update(conversation)
            tool_renders.append({"template_file": name, "conversation": index,
                                 "expected": render(env, source, context)})
    json.dump({"generator": "jinja2 " + jinja2.__version__, "conversations": TOOL_CONVERSATIONS,
               "snippets": snippets, "tool_renders": tool_renders},
              sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
