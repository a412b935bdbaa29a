import type Donation from '#models/donation'
import type Donor from '#models/donor'

/** The API's shape of a donor (snake_case, like the request bodies). */
export function donorJson(donor: Donor) {
  return {
    id: donor.id,
    kind: donor.kind,
    name: donor.name,
    address: donor.address,
    village: donor.village,
    phone: donor.phone,
    note: donor.note,
    anonymous_public: donor.anonymousPublic,
    is_sample: donor.isSample,
    created_at: donor.createdAt?.toISO() ?? null,
  }
}

/** The API's shape of a ledger entry; `reversed_by` is set when it was cancelled. */
export function donationJson(donation: Donation) {
  const reversal = donation.$preloaded.reversal as Donation | null | undefined
  return {
    id: donation.id,
    kind: donation.kind,
    receipt_no: donation.receiptNo,
    donor_id: donation.donorId,
    donor_name: donation.$preloaded.donor ? donation.donor.name : undefined,
    fund_id: donation.fundId,
    amount: donation.amount,
    received_on: donation.receivedOn,
    method: donation.method,
    in_kind_description: donation.inKindDescription,
    note: donation.note,
    reverses_id: donation.reversesId,
    reason: donation.reason,
    reversed_by: reversal ? { id: reversal.id, reason: reversal.reason } : null,
    batch_id: donation.batchId,
    entered_by: donation.enteredBy,
    created_at: donation.createdAt?.toISO() ?? null,
  }
}
