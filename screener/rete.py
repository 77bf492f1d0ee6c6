"""A faster Rete matcher for experta 1.9.4: experta's own network, walked faster.

experta builds the Rete network (alpha tests, joins, conflict-set nodes); this
module keeps that network and its node memories as they are, and only changes
how tokens travel through it.  What experta spends a screening on, and what
changes here (measured with cProfile, see benchmarks/README.md):

* **Routing.**  Every ``Answer`` fact visits all ~80 answer tests, and all but
  one fail because the fact has no such key.  A feature test on a missing key
  always fails, so each test node hands a fact only to the children that test
  a key the fact has (an index from the fact's keys to child nodes, built on
  first sight and kept, children kept in experta's order).  The bus routes by
  fact type the same way.
* **Tokens.**  experta copies every token (re-validating its facts) before each
  node sees it, so that a node may write to its context.  Here no node writes
  to a token it received: an alpha test that binds a variable makes a new
  context (copy on write), so nothing is copied otherwise, and tokens and
  token infos are built without re-validation.
* **Activations.**  experta asks all ~220 conflict-set nodes for new
  activations after every change; here a conflict-set node that receives a
  token marks itself, and only marked nodes are asked (in experta's order).
* **Reset.**  experta resets recursively, visiting shared nodes once per path;
  here the nodes that have memories are listed once and reset in a loop.
* No per-token debug logging (experta's ``MATCH``/``MATCHER`` watchers stay
  silent for this matcher; screener has its own trace).

Everything here depends on experta 1.9.4's internals.  They are named in one
place, :data:`EXPERTA_INTERNALS`, with a fingerprint of their source code;
``tests/test_rete.py`` fails when experta changes any of them (and checks the
result against unmodified experta on generated cases).
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping

from experta.activation import Activation
from experta.conditionalelement import AND
from experta.conditionalelement import NOT
from experta.conditionalelement import OR
from experta.fact import Fact
from experta.matchers.rete import ReteMatcher
from experta.matchers.rete import nodes as rete_nodes
from experta.matchers.rete.check import FeatureCheck
from experta.matchers.rete.check import SameContextCheck
from experta.matchers.rete.check import TypeCheck
from experta.matchers.rete.mixins import ChildNode
from experta.matchers.rete.mixins import NoMemory
from experta.matchers.rete.token import Token
from experta.matchers.rete.token import TokenInfo
from experta.matchers.rete.utils import wire_rule
from experta.rule import Rule

__all__ = ["FastReteMatcher", "EXPERTA_INTERNALS", "internals_fingerprint"]

# The experta 1.9.4 code this module re-expresses or relies on, with the
# sha256 of its source (``internals_fingerprint``).  If experta changes, the
# test comparing these fails: re-read the changed code before updating.
EXPERTA_INTERNALS = {
    "experta.matchers.rete.ReteMatcher.changes": "ef610eaeb40ca76c",
    "experta.matchers.rete.ReteMatcher.reset": "3a3e69d528b38267",
    "experta.matchers.rete.ReteMatcher.build_network": "9c6d583d5892e2b5",
    "experta.matchers.rete.ReteMatcher.build_alpha_part": "7a050b9303aef0bc",
    "experta.matchers.rete.ReteMatcher.build_beta_part": "c98e5f2b28388a2a",
    "experta.matchers.rete.utils.wire_rule": "f6c5988811ed408d",
    "experta.matchers.rete.dnf": "726aecf1afb7376f",
    "experta.matchers.rete.abstract.Node.reset": "bf93ee114f0a845c",
    "experta.matchers.rete.abstract.OneInputNode.activate": "a342e7efc4b44fd1",
    "experta.matchers.rete.abstract.TwoInputNode.activate_left": "dcfd261193710628",
    "experta.matchers.rete.abstract.TwoInputNode.activate_right": "674f5ac654d58256",
    "experta.matchers.rete.mixins": "f4d3471d2afab434",
    "experta.matchers.rete.nodes.BusNode": "f6d4077fa83cc2cd",
    "experta.matchers.rete.nodes.WhereNode": "5d4cc19e57352da7",
    "experta.matchers.rete.nodes.FeatureTesterNode": "4c2f20dee8ceb6ec",
    "experta.matchers.rete.nodes.OrdinaryMatchNode": "13bcac1739c351a3",
    "experta.matchers.rete.nodes.ConflictSetNode": "cd2a8e9cacff766b",
    "experta.matchers.rete.nodes.NotNode": "775906376b2d9013",
    "experta.matchers.rete.token": "a443e2dca2f6626b",
    "experta.matchers.rete.check.TypeCheck": "46f93ff396e03eef",
    "experta.matchers.rete.check.FeatureCheck.__call__": "ab3e65c317b2154f",
    "experta.activation": "2bab21f54f294db9",
    "experta.fact.Fact.__missing__": "4f87b1b2a1753bfe",
    # screener.engine: ScreenerEngine caches get_deffacts (reset calls it), and
    # the flat-rule shortcut stands in for prepare_rule.
    "experta.matchers.rete.ReteMatcher._get_conflict_set_nodes": "55a9e9569fd9adb6",
    "experta.engine.KnowledgeEngine.reset": "e7d3eec3963bd04b",
    "experta.engine.KnowledgeEngine.get_deffacts": "f20d698152856762",
    "experta.matchers.rete.utils.prepare_rule": "1287e6611db1a706",
}

_new = tuple.__new__
_VALID = Token.TagType.VALID


def _object(dotted: str):
    import importlib

    parts = dotted.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for name in parts[i:]:
            obj = getattr(obj, name)
        return obj
    raise ImportError(dotted)


def internals_fingerprint() -> dict[str, str]:
    """sha256 of the source of each entry of :data:`EXPERTA_INTERNALS`, as installed."""
    import hashlib  # not at module level: loading OpenSSL costs a cold start ~4 ms

    return {name: hashlib.sha256(inspect.getsource(_object(name)).encode()).hexdigest()[:16]
            for name in EXPERTA_INTERNALS}


def _info(data, context) -> TokenInfo:
    """``token.to_info()`` without the namedtuple's re-validation."""
    return _new(TokenInfo, (frozenset(data), frozenset(context.items())))


def _fast_test(check):
    """The node's test as a plain function of the fact (no logging)."""
    if isinstance(check, TypeCheck):
        fact_type = check.fact_type
        return lambda fact: type(fact) == fact_type  # noqa: E721  (experta compares with ==)
    key = _routing_key(check)
    if key is not None:
        fn, expected = check.check, check.expected

        def test(fact):
            try:
                record = fact[key]
            except (IndexError, KeyError, TypeError):
                return False
            return fn(record, expected)
        return test
    return check


def _routing_key(check):
    """The one fact key a feature test reads, or None when it reads more
    (nested ``a__b`` paths, ``__special__`` keys, numeric strings)."""
    if not isinstance(check, FeatureCheck):
        return None
    what = check.what
    if isinstance(what, str) and ("__" in what or what.isnumeric()):
        return None
    return what


class _Routed:
    """Hand a fact's token only to the children whose test can pass."""

    def _route(self, fact):
        cache_key = (type(fact), *fact)
        try:
            return self._routes[cache_key]
        except KeyError:
            pass
        fields = getattr(type(fact), "__fields__", {})
        route = []
        for child in self.children:
            key = self._child_keys.get(id(child.node))
            if key is None or key in fact or key in fields:
                route.append(child.callback)
        route = self._routes[cache_key] = tuple(route)
        return route


class FastBusNode(_Routed, rete_nodes.BusNode):
    def _route(self, fact):
        try:
            return self._routes[type(fact)]
        except KeyError:
            route = tuple(c.callback for c in self.children
                          if not isinstance(c.node.matcher, TypeCheck) or c.node.matcher.fact_type == type(fact))  # noqa: E721
            self._routes[type(fact)] = route
            return route

    def add(self, fact):
        token = _new(Token, (_VALID, {fact}, {}))
        for callback in self._route(fact):
            callback(token)

    def remove(self, fact):
        token = _new(Token, (Token.TagType.INVALID, {fact}, {}))
        for callback in self._route(fact):
            callback(token)


class FastFeatureTesterNode(_Routed, rete_nodes.FeatureTesterNode):
    def activate(self, token):
        (fact,) = token.data  # ValueError unless exactly one fact, like experta
        match = self._test(fact)
        if not match:
            return
        if match is not True and isinstance(match, Mapping):
            context = token.context
            for key, value in match.items():
                if isinstance(key, tuple):  # negated condition
                    if key[1] in context and context[key[1]] == value:
                        return
                else:
                    if context.get(key, value) != value:
                        return
                    if (False, key) in context and context[(False, key)] == value:
                        return
            context = dict(context)
            context.update(match)
            token = _new(Token, (token.tag, token.data, context))
        for callback in self._route(fact):
            callback(token)


class FastWhereNode(rete_nodes.WhereNode):
    def activate(self, token):
        self._activate(token)


class FastOrdinaryMatchNode(rete_nodes.OrdinaryMatchNode):
    def activate_left(self, token):
        self._join(token, self.left_memory, self.right_memory, True)

    def activate_right(self, token):
        self._join(token, self.right_memory, self.left_memory, False)

    def _join(self, token, branch_memory, matching_memory, is_left):
        if token.tag is _VALID:
            branch_memory.append(_info(token.data, token.context))
        else:
            try:
                branch_memory.remove(_info(token.data, token.context))
            except ValueError:
                pass
        context = token.context
        matcher = self.matcher
        for other_data, other_context in matching_memory:
            other_context = dict(other_context)
            if is_left:
                match = matcher(context, other_context)
            else:
                match = matcher(other_context, context)
            if match:
                newcontext = {k: v for k, v in context.items() if isinstance(k, str)}
                for k, v in other_context.items():
                    if not isinstance(k, tuple):  # negated values are not needed further
                        newcontext[k] = v
                newtoken = _new(Token, (token.tag, token.data | other_data, newcontext))
                for child in self.children:
                    child.callback(newtoken)


class FastNotNode(rete_nodes.NotNode):
    def activate_left(self, token):
        self._activate_left(token)

    def activate_right(self, token):
        self._activate_right(token)


class FastConflictSetNode(rete_nodes.ConflictSetNode):
    def activate(self, token):
        info = _info(token.data, token.context)
        activation = Activation(self.rule, info.data, {k: v for k, v in info.context if isinstance(k, str)})
        if token.tag is _VALID:
            if info not in self.memory:
                self.memory.add(info)
                if activation in self.removed:
                    self.removed.remove(activation)
                else:
                    self.added.add(activation)
        else:
            self.memory.remove(info)  # KeyError, like experta (its `except ValueError` never catches)
            if activation in self.added:
                self.added.remove(activation)
            else:
                self.removed.add(activation)
        self._dirty.add(self)


_FAST = {
    rete_nodes.BusNode: FastBusNode,
    rete_nodes.FeatureTesterNode: FastFeatureTesterNode,
    rete_nodes.WhereNode: FastWhereNode,
    rete_nodes.OrdinaryMatchNode: FastOrdinaryMatchNode,
    rete_nodes.NotNode: FastNotNode,
    rete_nodes.ConflictSetNode: FastConflictSetNode,
}
_FAST.update({fast: fast for fast in list(_FAST.values())})


def _wire_plain(rule, alpha_terminals, lhs) -> bool:
    """experta's ``wire_rule`` for a plain conjunction (facts, NOT of a fact):
    the same join chain, without building a new ``singledispatch`` function
    per rule (most of the beta network's build time).  False for any other
    shape, which experta then wires itself."""
    if isinstance(lhs, Fact):
        last = alpha_terminals[lhs]
    elif isinstance(lhs, (Rule, AND)):
        elements = list(lhs)
        for element in elements:
            if not (isinstance(element, Fact) or (isinstance(element, NOT) and len(element) == 1
                                                  and isinstance(element[0], Fact))):
                return False
        if not elements or (len(elements) == 1 and not isinstance(elements[0], Fact)):
            return False

        def terminal(element):
            return alpha_terminals[element[0] if isinstance(element, NOT) else element]

        last = terminal(elements[0]) if len(elements) == 1 else None
        for first, second in zip(elements, elements[1:]):
            node_cls = rete_nodes.NotNode if isinstance(second, NOT) else rete_nodes.OrdinaryMatchNode
            if last is None:
                last = node_cls(SameContextCheck())
                left, right = terminal(first), terminal(second)
            else:
                left, right = last, terminal(second)
                last = node_cls(SameContextCheck())
            left.add_child(last, last.activate_left)
            right.add_child(last, last.activate_right)
    else:
        return False
    terminal_node = rete_nodes.ConflictSetNode(rule)
    last.add_child(terminal_node, terminal_node.activate)
    return True


class FastReteMatcher(ReteMatcher):
    """experta's ReteMatcher with the network's nodes switched to the fast
    subclasses above once it is built (same nodes, same memories)."""

    def __init__(self, *args, **kwargs):
        self._dirty: set = set()
        super().__init__(*args, **kwargs)
        self._accelerate()

    @staticmethod
    def build_beta_part(ruleset, alpha_terminals):
        """experta's ``build_beta_part``, wiring plain conjunctions with
        :func:`_wire_plain` (the same nodes; tests/test_rete.py compares)."""
        for rule in ruleset:
            for lhs in (rule[0] if isinstance(rule[0], OR) else [rule]):
                if not _wire_plain(rule, alpha_terminals, lhs):
                    wire_rule(rule, alpha_terminals, lhs=lhs)

    def add_rules(self, ruleset) -> None:
        """Compile more (prepared) rules into the network with experta's own
        builders, sharing the alpha tests it already has.  Call it between
        cases, before ``reset()``: the new nodes start with empty memories."""
        terminals = self.build_alpha_part(ruleset, self.root_node)
        self.build_beta_part(ruleset, terminals)
        ReteMatcher._get_conflict_set_nodes.cache_clear()
        self._accelerate()

    def _accelerate(self) -> None:
        nodes: dict[int, object] = {}
        stack = [self.root_node]
        while stack:
            node = stack.pop()
            if id(node) in nodes:
                continue
            nodes[id(node)] = node
            stack.extend(child.node for child in node.children)
        memory = []
        for node in nodes.values():
            fast = _FAST.get(type(node))
            if fast is None:
                raise TypeError(f"FastReteMatcher: unknown Rete node type {type(node).__name__}")
            node.__class__ = fast
        for node in nodes.values():
            # children hold bound methods of the old classes: bind them again
            node.children = [ChildNode(c.node, getattr(c.node, c.callback.__name__)) for c in node.children]
            if isinstance(node, _Routed):
                node._routes = {}
                node._child_keys = {id(c.node): _routing_key(c.node.matcher) for c in node.children
                                    if isinstance(c.node, rete_nodes.FeatureTesterNode)}
            if isinstance(node, FastFeatureTesterNode):
                node._test = _fast_test(node.matcher)
            if isinstance(node, FastConflictSetNode):
                node._dirty = self._dirty
            if type(node)._reset is not NoMemory._reset:
                memory.append(node)
        self._memory_nodes = tuple(memory)
        self._csn_order = {node: i for i, node in enumerate(self._get_conflict_set_nodes())}

    def changes(self, adding=None, deleting=None):
        """experta's ``changes``, asking only the conflict-set nodes that received a token."""
        if deleting is not None:
            for fact in deleting:
                self.root_node.remove(fact)
        if adding is not None:
            for fact in adding:
                self.root_node.add(fact)
        added: list = []
        removed: list = []
        if self._dirty:
            for csn in sorted(self._dirty, key=self._csn_order.__getitem__):
                c_added, c_removed = csn.get_activations()
                added.extend(c_added)
                removed.extend(c_removed)
            self._dirty.clear()
        return added, removed

    def reset(self):
        """Wipe every node memory once (experta recurses, once per path).
        Like experta, activations not yet collected are kept."""
        for node in self._memory_nodes:
            node._reset()
