"""Full-text search finds Chinese words of two characters or more, with filters."""

from __future__ import annotations

from core.store.search import index_text, match_expression
from tests.store.helpers import open_store, sample


def _projects(store, **filters):
    return sorted(s.project for s in store.list_forms(**filters))


def _store_with_forms(tmp_path):
    store = open_store(tmp_path)
    store.load_samples()
    store.create_form(
        sample(
            year=2023,
            project="城市道路养护",
            department="上海市松江区建设和管理委员会",
            implementer="上海市松江区道路管理所",
            indicators=[],
        )
    )
    return store


def test_two_character_queries_find_what_they_should(tmp_path):
    with _store_with_forms(tmp_path) as store:
        everything = _projects(store)
        samples = sorted(p for p in everything if p != "城市道路养护")
        assert _projects(store, query="信访") == samples  # in the units' names
        assert _projects(store, query="维稳") == ["维稳工作"]  # in a project name
        assert _projects(store, query="满意") == samples  # in indicator names only
        assert _projects(store, query="道路") == ["城市道路养护"]
        assert _projects(store, query="养护") == ["城市道路养护"]
        assert _projects(store, query="建设") == ["城市道路养护"]  # department
        assert _projects(store, query="维保") == [
            "网络信息系统运行与维护"
        ]  # 信访接待系统维保完成率


def test_queries_match_adjacent_characters_only(tmp_path):
    with _store_with_forms(tmp_path) as store:
        assert _projects(store, query="信维") == []  # both characters occur, never together
        assert _projects(store, query="维稳工作") == ["维稳工作"]
        assert _projects(store, query="稳定例会") == ["维稳工作"]
        assert _projects(store, query="信访 推广") == ["宣传与推广"]  # every term must occur
        assert _projects(store, query="松江 道路") == ["城市道路养护"]


def test_search_combines_with_year_unit_and_status(tmp_path):
    with _store_with_forms(tmp_path) as store:
        assert _projects(store, query="松江", year=2023) == ["城市道路养护"]
        assert _projects(store, query="松江", status="draft") == ["城市道路养护"]
        assert len(_projects(store, query="松江", status="final")) == 4
        assert _projects(store, query="松江", implementer="上海市松江区道路管理所") == [
            "城市道路养护"
        ]
        assert store.count_forms(query="满意", year=2022) == 4
        assert store.count_forms(query="满意", year=2023) == 0


def test_search_follows_edits(tmp_path):
    with _store_with_forms(tmp_path) as store:
        form_id = store.list_forms(query="养护")[0].id
        store.set_field(form_id, "project", "城市桥梁检测")
        assert _projects(store, query="养护") == []
        assert _projects(store, query="桥梁") == ["城市桥梁检测"]


def test_search_follows_edits_made_after_the_store_is_reopened(tmp_path):
    with _store_with_forms(tmp_path) as store:
        form_id = store.list_forms(query="养护")[0].id
    with open_store(tmp_path) as store:  # a connection that has never created or migrated
        store.set_field(form_id, "project", "城市桥梁检测")
        assert _projects(store, query="养护") == []
        assert _projects(store, query="桥梁") == ["城市桥梁检测"]


def test_odd_queries_never_break_the_search(tmp_path):
    with _store_with_forms(tmp_path) as store:
        for query in ['"', "AND", "OR NOT", "*", '信访"', "(维稳", "NEAR(", "a-b", "100%"]:
            store.count_forms(query=query)  # no exception
        assert store.count_forms(query="  ") == 5


def test_the_index_text_is_bigrams():
    assert index_text(["信访办公室"]).split()[:4] == ["信访", "访办", "办公", "公室"]
    assert match_expression("信访") == '"信访"'
    assert match_expression("维稳工作") == '"维稳 稳工 工作"'
