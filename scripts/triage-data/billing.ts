import { scenarios } from "./scenario.js";

export const billing = scenarios("billing", [
  {
    severity: "high",
    titles: [
      "Charged twice",
      "Double charge on my card",
      "Duplicate payment",
      "billed 2x??",
      "Two charges for one order",
    ],
    bodies: [
      "I was charged twice for my {plan} this month. My {card} statement shows two payments of {amount} on the same day.",
      "Your system took {amount} from my account two times for order {order}. Please refund the duplicate.",
      "I see a double charge of {amount} on my bank statement from {day}. I only subscribed once.",
      "My card got billed twice for the same invoice {order}, please fix this and send the money back.",
      "Two identical payments of {amount} left my account {day}. I need one of them reversed.",
    ],
  },
  {
    severity: "medium",
    titles: [
      "Refund request",
      "Requesting a refund",
      "Money back please",
      "Refund for unused subscription",
      "refund?",
    ],
    bodies: [
      "I cancelled my {plan} {day} but was still charged {amount}. Could you refund it?",
      "I would like a refund for my last payment of {amount}; we stopped using the service in {month}.",
      "We upgraded by mistake to the {plan}. Can you refund the difference and move us back?",
      "Please process a refund for order {order}. The product did not meet our needs and we are within the 30-day window.",
      "How long does a refund take? I requested one for {amount} two weeks ago and have not received it yet.",
    ],
  },
  {
    severity: "medium",
    titles: [
      "Wrong amount on invoice",
      "Invoice is incorrect",
      "Overcharged",
      "Invoice {order} wrong",
      "Price on invoice doesn't match",
    ],
    bodies: [
      "Invoice {order} shows {amount} but our {plan} should cost less. It looks like we were billed for {n} seats instead of 3.",
      "We were overcharged this month: the invoice lists seats for users we removed in {month}.",
      "The price on my invoice does not match the price on your website for the {plan}.",
      "Our latest invoice includes a charge for an add-on we never ordered.",
      "The tax on invoice {order} is wrong, we are VAT registered and should not be charged VAT.",
    ],
  },
  {
    severity: "low",
    titles: [
      "Need a copy of my invoice",
      "Invoice download",
      "Where are my receipts?",
      "Receipt for {month}",
      "VAT invoice needed",
    ],
    bodies: [
      "Where can I download invoices for the past year? Our accountant needs them.",
      "Could you send me a receipt for the payment I made in {month}? I need it for expenses.",
      "Can you add our company name and VAT number to future invoices?",
      "Please change the billing address on our invoices to our new office.",
      "I need the invoice for order {order} as a PDF, the link in the email has expired.",
    ],
  },
  {
    severity: "high",
    titles: [
      "Payment failed",
      "Card declined",
      "Can't pay",
      "Payment keeps failing",
      "Unable to complete payment",
    ],
    bodies: [
      "My {card} keeps getting declined when I try to pay for the {plan}, but the card works everywhere else.",
      "Payment failed with the message '{error}' at checkout. My subscription expires tomorrow and I don't want to lose access.",
      "I tried three times to renew and every time the payment fails. Our account is about to be suspended.",
      "The checkout won't accept my {card}, it says the payment could not be processed.",
      "We can't pay the overdue invoice {order}: the payment page rejects our card.",
    ],
  },
  {
    severity: "low",
    titles: [
      "Change plan",
      "Upgrade to {plan}",
      "Downgrade subscription",
      "Switch to annual billing",
      "Plan change question",
    ],
    bodies: [
      "How do I upgrade from the Starter plan to the {plan}? Will I be charged the full price right away?",
      "We want to downgrade to the {plan} at the end of this billing cycle.",
      "Can we switch from monthly to annual billing and get the discount?",
      "If I add {n} more seats mid-month, how is the charge prorated?",
      "Please move us to the {plan} starting next month.",
    ],
  },
  {
    severity: "medium",
    titles: [
      "Cancel my subscription",
      "Cancellation",
      "Stop auto-renewal",
      "How to cancel",
      "Please cancel",
    ],
    bodies: [
      "Please cancel my subscription and stop the auto-renewal. I don't want to be charged again.",
      "I want to cancel the {plan} before the next renewal date in {month}.",
      "There is no cancel button in the billing settings. How do I end my subscription?",
      "We are closing the business, please cancel our account's billing and confirm in writing.",
      "Turn off automatic renewal for our annual plan, we will decide later whether to renew.",
    ],
  },
  {
    severity: "low",
    titles: [
      "Pricing question",
      "Discount for nonprofits?",
      "Quote request",
      "How much does {plan} cost",
      "Education pricing",
    ],
    bodies: [
      "Do you offer a discount for nonprofits or schools?",
      "What would the {plan} cost for {n} users paid yearly? We need a quote for our budget.",
      "Is there a price difference between paying by card and by bank transfer?",
      "Are the prices on your website in USD or can we be billed in euros?",
      "Can we get a volume discount if we buy {n} licences?",
    ],
  },
  {
    severity: "medium",
    titles: [
      "Update payment method",
      "Change credit card",
      "New card on file",
      "Payment details",
      "Switch to invoice payment",
    ],
    bodies: [
      "My card expired. How do I update the payment method so the next charge goes through?",
      "I need to replace the {card} on file with our company card.",
      "Can we pay by bank transfer or purchase order instead of by card?",
      "The billing page gives me '{error}' when I try to save my new card details.",
    ],
  },
  {
    severity: "high",
    titles: [
      "Charged after cancelling",
      "Unauthorized charge",
      "Charge I don't recognise",
      "Still being billed",
      "Why was I charged?",
    ],
    bodies: [
      "I cancelled in {month} and you still charged my card {amount} this month. I want this refunded now.",
      "There is a charge of {amount} from your company on my statement that I did not authorize.",
      "We were charged for the {plan} even though we are on the free trial, which hasn't ended.",
      "I deleted my account months ago but the charges of {amount} keep coming every month.",
      "Why did you take {amount} from my account? I never agreed to an upgrade.",
    ],
  },
  {
    severity: "critical",
    titles: [
      "All customers charged wrongly",
      "Mass duplicate charges",
      "Billing error affecting everyone",
      "URGENT billing problem",
    ],
    bodies: [
      "Your payment integration charged every customer in our shop twice {day}. We are getting hundreds of complaints and chargebacks.",
      "The subscription run {day} billed {many} ten times the normal amount. This must be stopped immediately.",
      "Every order on our store since {day} was charged but marked unpaid, and money is going out the door with refunds.",
    ],
  },
  {
    severity: "medium",
    titles: [
      "Trial ended early",
      "Trial billing",
      "Charged during free trial",
      "Trial question",
    ],
    bodies: [
      "My free trial was supposed to last 14 days but I was charged after 7.",
      "Will I be billed automatically when the trial ends? I did not add a card, but it says billing starts on the 1st.",
      "Can you extend our trial by a week? Our finance team needs more time to approve the purchase.",
      "I was charged {amount} the day the trial ended although I had chosen the free plan.",
    ],
  },
  {
    severity: "medium",
    titles: [
      "Coupon didn't apply",
      "Promo code not working",
      "Discount missing",
      "Promo not applied to invoice",
    ],
    bodies: [
      "The promo code from your newsletter did not apply at checkout and I paid full price.",
      "We were promised 20% off for the first year but the invoice shows the full {amount}.",
      "The coupon code says it is invalid although it does not expire until {month}.",
      "Our partner discount disappeared from this month's bill.",
    ],
  },
]);
