from starlette.testclient import TestClient

from pass_culture import db
from pass_culture.api import api


def test_health_reports_the_database(database):
    response = TestClient(api).get("/api/sante")
    assert response.status_code == 200
    assert response.json() == {"statut": "ok", "base": database}


def test_health_says_when_the_database_is_down(tmp_path):
    db.use_database(f"sqlite:///{tmp_path}/missing/dir/x.db")
    try:
        response = TestClient(api).get("/api/sante")
    finally:
        db.use_database(None)
    assert response.status_code == 503
    assert response.json()["statut"] == "indisponible"
