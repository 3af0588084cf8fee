import { scenarios } from "./scenario.js";

export const general = scenarios("general", [
  {
    severity: "low",
    titles: [
      "Feature request",
      "Suggestion",
      "Idea for the product",
      "It would be great if...",
      "Please add {feature}",
    ],
    bodies: [
      "It would be great if {product} had a way to schedule reports to be emailed every week.",
      "Could you add keyboard shortcuts for the most common actions? It would save us a lot of time.",
      "Please consider adding an option to group items by customer in the list view.",
      "We'd love an integration with {integration}. Is that on the roadmap?",
      "Feature idea: let us pin favourite items to the top of the page.",
    ],
  },
  {
    severity: "low",
    titles: [
      "Question",
      "Quick question",
      "How do I...?",
      "Help",
      "Question about {feature}",
    ],
    bodies: [
      "How do I use {feature}? I couldn't find it in the help centre.",
      "Is it possible to use {product} offline?",
      "Where can I find a user guide for new team members?",
      "What is the best way to organise our projects by department?",
      "Can I use the app in Spanish? Some of our staff prefer it.",
    ],
  },
  {
    severity: "low",
    titles: [
      "Feedback",
      "Great product!",
      "Thanks for the help",
      "Some feedback on the new design",
      "Compliment",
    ],
    bodies: [
      "Just wanted to say the new version is much faster, great work!",
      "Thank you, {name} from your team was very helpful on the phone yesterday.",
      "The new design looks nice but I miss the old compact view.",
      "We have been using the product for a year and the team loves it.",
      "Some feedback: the onboarding tour was a bit long, otherwise it's excellent.",
    ],
  },
  {
    severity: "low",
    titles: [
      "Partnership inquiry",
      "Reseller question",
      "Sales inquiry",
      "Demo request",
      "Talk to sales",
    ],
    bodies: [
      "We are a consultancy and would like to resell your product to our clients. Who should we talk to?",
      "Could we book a demo for our management team next week?",
      "I'm interested in your product for a company of about {n}0 people. Can someone from sales contact me?",
      "Do you have a partner programme for agencies?",
    ],
  },
  {
    severity: "low",
    titles: [
      "Documentation",
      "Training materials",
      "Webinar question",
      "Onboarding help",
      "Tutorial",
    ],
    bodies: [
      "Do you offer training sessions for new users?",
      "Is there a recording of last week's webinar about {feature}?",
      "The help article about {feature} seems out of date, the screenshots don't match.",
      "Can you recommend tutorials for getting started with {product}?",
    ],
  },
  {
    severity: "medium",
    titles: [
      "Complaint about support",
      "No reply to my ticket",
      "Still waiting for an answer",
      "Unhappy with the service",
      "Follow-up",
    ],
    bodies: [
      "I sent a message a week ago and nobody has answered. This is not acceptable.",
      "Following up on my earlier request; I still haven't heard back from anyone.",
      "Your phone support kept me on hold for 45 minutes and then hung up.",
      "I'm disappointed with how long it takes to get a reply from your team.",
    ],
  },
  {
    severity: "low",
    titles: [
      "Privacy policy question",
      "Where is my data stored?",
      "Compliance question",
      "Security questionnaire",
      "Data processing agreement",
    ],
    bodies: [
      "In which country is our data stored? Our legal team needs to know for compliance.",
      "Can you send us your data processing agreement to sign?",
      "Are you SOC 2 or ISO 27001 certified? We have a vendor questionnaire to fill in.",
      "How long do you keep data after an account is closed?",
    ],
  },
  {
    severity: "low",
    titles: [
      "Opening hours",
      "Contact details",
      "Support hours",
      "Office address",
      "Phone number",
    ],
    bodies: [
      "What are your support hours on weekends?",
      "Is there a phone number we can call for support?",
      "What is your postal address? We need it for a contract.",
      "Do you have support in our time zone (Australia)?",
    ],
  },
  {
    severity: "medium",
    titles: [
      "Shipping question",
      "Where is my order?",
      "Delivery delayed",
      "Order not received",
      "Return an item",
    ],
    bodies: [
      "My order {order} was supposed to arrive {day} and the tracking hasn't changed in a week.",
      "I'd like to return the hardware kit we ordered, it's unopened. How do I get a return label?",
      "The package arrived damaged. What should I do?",
      "Can you tell me when order {order} will ship?",
    ],
  },
  {
    severity: "low",
    titles: [
      "Roadmap",
      "When will X be released?",
      "Upcoming features",
      "Beta program",
      "Release notes",
    ],
    bodies: [
      "When is the new mobile app going to be released?",
      "Can we join the beta for the new reporting features?",
      "Where can I find release notes for the latest version?",
      "Is there a public roadmap we can follow?",
    ],
  },
  {
    severity: "low",
    titles: ["Test", "hello", "Other", "Misc", "General inquiry"],
    bodies: [
      "Hello, I'd like some information about your services.",
      "Testing the support form, please ignore.",
      "Who is my account manager?",
      "I have a general question, can someone call me back?",
    ],
  },
]);
