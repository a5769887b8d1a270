// The payment just taken on this phone, for its receipt (issue 21): the pay sheet offers
// "Beleg", and when the payment cleared the table the map offers it until hidden or replaced.
export interface LastPayment {
  id: string;
  table: string;
  totalCents: number;
}

export const lastPayment = $state<{ current: LastPayment | undefined }>({ current: undefined });
