"""The shared union-find: components of a relation given pair by pair."""

from __future__ import annotations

from wiretrace.unionfind import Components


def test_components_group_linked_keys_in_the_order_given() -> None:
    components = Components(["a", "b", "c", "d", "e"])
    components.join("d", "b")
    components.join("e", "a")
    components.join("b", "e")
    assert components.groups(["a", "b", "c", "d", "e"]) == [["a", "b", "d", "e"], ["c"]]
    assert components.find("d") == components.find("a") != components.find("c")


def test_a_key_not_seen_yet_is_a_set_of_its_own() -> None:
    components: Components[str] = Components()
    components.join("x", "y")
    assert components.groups(["z", "y", "x"]) == [["z"], ["y", "x"]]
