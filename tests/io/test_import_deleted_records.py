"""Salesforce Data Loader's "Export All" writes the deleted and merged-away records beside the live ones
(IsDeleted true, MasterRecordId the survivor). The import read IsDeleted as nothing: a contact merged into John
Smith came in as a second John Smith, CIO, with his old mailbox."""

from __future__ import annotations

import pytest

from battlemap.io.tabular.problems import ImportFailed
from battlemap.io.tabular.services import people_import
from battlemap.people.models import Person
from tests import factories as f

pytestmark = pytest.mark.django_db

EXPORT_ALL = (
    '"ID","ISDELETED","MASTERRECORDID","LASTNAME","FIRSTNAME","NAME","EMAIL","TITLE"\n'
    '"0035g00000AbCd1AAF","false","","Smith","John","John Smith","jsmith@acme.example","CIO"\n'
    '"0035g00000AbCd2AAF","false","","Lee","Ann","Ann Lee","alee@acme.example","IT Director"\n'
    '"0035g00000AbCd4AAF","true","0035g00000AbCd1AAF","Smith","John","John Smith","old@acme.example","CIO"\n'
)


def test_a_deleted_record_of_an_export_all_is_refused_by_row_and_nothing_lands(db):
    account = f.account(owner=f.user("ops"), slug="acme", name="Acme")
    with pytest.raises(ImportFailed) as refused:
        people_import(account=account, data=EXPORT_ALL.encode(), filename="extract.csv")
    [problem] = refused.value.problems
    assert (problem.row, problem.column) == (4, "is_deleted")
    assert problem.message("en").startswith("row 4, Deleted in the CRM: the record is deleted in the CRM")
    assert not Person.objects.filter(account=account).exists()


def test_the_live_records_of_a_data_loader_export_import(db):
    account = f.account(owner=f.user("ops"), slug="acme", name="Acme")
    live = "\n".join(EXPORT_ALL.splitlines()[:3]) + "\n"
    result = people_import(account=account, data=live.encode(), filename="extract.csv")
    assert result.created == 2
