"""build-addin outside a repository checkout names the missing sources folder."""

from toshima_xl.addin import build
from toshima_xl.cli import main


def test_missing_macros_folder_exit_two(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(build, "MACROS", tmp_path / "macros")

    code = main(["build-addin", "-o", str(tmp_path / "toshima_xl.xlam")])

    assert code == 2
    assert not (tmp_path / "toshima_xl.xlam").exists()
    assert "macros" in capsys.readouterr().err
