// Starts GraphiQL against this gateway. The session cookie goes with every request (same
// origin), so a signed-in citizen explores their own account; sign in at /auth/login.
const examples = [
  {
    query: `# Tout mon compte, lu auprès de chaque organisme au moment de la requête.
# Connectez-vous d'abord : /auth/login
query MonCompte {
  me {
    identity { givenNames familyName birthDate }
    training {
      cpf { balance creditRule { yearlyCredit cap lowQualified } }
      c2p { availablePoints reservedForTraining freelyUsable }
      cec { balance }
    }
    retirement {
      validatedQuarters
      requiredQuarters
      legalAge { years months }
      estimatedPension { monthlyGrossAmount retirementAge { years months } }
    }
    family {
      familyQuotient { value year month }
      benefits { code label monthlyAmount startDate endDate }
    }
    employment {
      registration { category startDate }
      allowance { dailyGrossAmount remainingDays rightsEndOn }
      monthlyUpdate { period dueOn status }
    }
  }
}
`,
  },
  {
    query: `# Mes droits à la formation (CPF, C2P, CEC)
query MaFormation {
  me {
    training {
      cpf { balance history { date kind amount label } }
      c2p { earnedPoints usedPoints availablePoints reservedForTraining exposures { year factor points } }
      cec { balance cap engagements { year organisation amount } }
      enrolments { title sessionStartsOn amount status }
    }
  }
}
`,
  },
  {
    query: `# Ma carrière et ma retraite
query MaRetraite {
  me {
    retirement {
      careerPeriods { scheme kind employer startDate endDate validatedQuarters }
      validatedQuarters
      legalAgeDate
      estimatedPension { startDate monthlyGrossAmount fullRate }
    }
  }
}
`,
  },
];

const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher, defaultTabs: examples, defaultEditorToolsVisibility: false }),
);
